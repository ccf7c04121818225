// The pods whose tracking finalizer this controller removed while the pod cache may still show
// it (upstream's uidTrackingExpectations). Until the cache catches up, such a pod must not be
// counted again: it already moved from uncountedTerminatedPods into succeeded/failed.

export class FinalizerExpectations {
  private expected = new Map<string, Set<string>>();

  /** We removed the finalizer of these pod uids for `key`. */
  expect(key: string, uids: readonly string[]) {
    if (!uids.length) return;
    let s = this.expected.get(key);
    if (!s) this.expected.set(key, (s = new Set()));
    for (const u of uids) s.add(u);
  }

  /**
   * The uids still expected: `stillHeld(uid)` says whether the cache still shows that pod with the
   * finalizer; pods that no longer do are forgotten.
   */
  pending(key: string, stillHeld: (uid: string) => boolean): ReadonlySet<string> {
    const s = this.expected.get(key);
    if (!s) return new Set();
    for (const uid of s) if (!stillHeld(uid)) s.delete(uid);
    if (!s.size) this.expected.delete(key);
    return new Set(s);
  }

  forget(key: string) {
    this.expected.delete(key);
  }
}

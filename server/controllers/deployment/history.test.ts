import { describe, expect, test } from "bun:test";
import { cached } from "../replicaset/testing.ts";
import type { ReplicaSetObject } from "../replicaset/types.ts";
import { annotationsForRollback, lastRevision, maxRevision, setNewReplicaSetAnnotations } from "./history.ts";

const rs = (rev?: string) => cached<ReplicaSetObject>({ apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: `rs-${rev}`, ...(rev ? { annotations: { "deployment.kubernetes.io/revision": rev } } : {}) } });
const opts = { exists: true, desired: 3, max: 4 };

describe("revision annotations", () => {
  test("max and last revision: the highest and the second highest; unparseable ones are skipped", () => {
    const list = [rs("1"), rs("4"), rs("x"), rs("2"), rs()];
    expect(maxRevision(list)).toBe(4);
    expect(lastRevision(list)).toBe(2);
    expect(lastRevision([rs("3")])).toBe(0);
  });

  test("a new ReplicaSet gets the revision, the replica annotations and the Deployment's annotations except the skipped ones", () => {
    const a: Record<string, string> = {};
    const changed = setNewReplicaSetAnnotations(
      { "kubernetes.io/change-cause": "kubectl set image", "kubectl.kubernetes.io/last-applied-configuration": "{}", "deployment.kubernetes.io/revision": "7", team: "x" },
      a,
      2,
      { ...opts, exists: false },
    );
    expect(changed).toBe(true);
    expect(a).toEqual({
      "kubernetes.io/change-cause": "kubectl set image",
      team: "x",
      "deployment.kubernetes.io/revision": "2",
      "deployment.kubernetes.io/desired-replicas": "3",
      "deployment.kubernetes.io/max-replicas": "4",
    });
  });

  test("an old ReplicaSet that becomes current again gets max+1 and remembers its former revisions", () => {
    const a: Record<string, string> = { "deployment.kubernetes.io/revision": "3", "deployment.kubernetes.io/revision-history": "1" };
    expect(setNewReplicaSetAnnotations({}, a, 5, opts)).toBe(true);
    expect(a).toEqual({ "deployment.kubernetes.io/revision": "5", "deployment.kubernetes.io/revision-history": "1,3" });
    expect(setNewReplicaSetAnnotations({}, a, 5, opts)).toBe(false);
    expect(setNewReplicaSetAnnotations({}, a, 4, opts)).toBe(false);
  });

  test("a rollback keeps the Deployment's own revision annotations and takes the others from the ReplicaSet", () => {
    expect(
      annotationsForRollback(
        { "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "v2", team: "lost" },
        { "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3", "kubernetes.io/change-cause": "v1" },
      ),
    ).toEqual({ "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "v1" });
  });
});

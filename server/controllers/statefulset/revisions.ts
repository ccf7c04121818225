// A StatefulSet's current and update revisions (upstream's getStatefulSetRevisions): the update
// revision is the one whose data matches the template — the newest if unchanged, an older one
// renumbered to the newest on a rollback, or a new one. The current revision is the one named in
// status.currentRevision (the update revision when there is none).
import { hashRevisionData } from "../history/hash.ts";
import { createRevision, equalData, nextRevisionNumber, ownedRevisions, renumber, templatePatch, type Revision } from "../history/revisions.ts";
import { FIELD_MANAGER, REVISION_HASH_LABEL, type StatefulSetDeps, type StatefulSetObject } from "./types.ts";

export interface SetRevisions {
  current: Revision;
  update: Revision;
  collisionCount: number;
  /** Every revision the set owns, oldest first (for truncating history). */
  all: Revision[];
}

export async function setRevisions(d: StatefulSetDeps, set: StatefulSetObject): Promise<SetRevisions> {
  const all = ownedRevisions(d.revisions.list(), set);
  let collisionCount = set.status?.collisionCount ?? 0;
  const data = templatePatch(set);
  const equal = all.filter((r) => equalData(r.data, data));
  const next = nextRevisionNumber(all);
  let update: Revision;
  if (equal.length && all.at(-1) === equal.at(-1)) {
    update = all.at(-1)!;
  } else if (equal.length) {
    update = await renumber(d.client, equal.at(-1)!, next, FIELD_MANAGER);
  } else {
    const created = await createRevision(d.client, {
      owner: set,
      data,
      revision: next,
      labels: { ...set.spec?.template.metadata?.labels },
      hash: (c) => hashRevisionData(data, c),
      hashLabel: REVISION_HASH_LABEL,
      collisionCount,
      fieldManager: FIELD_MANAGER,
    });
    update = created.revision;
    collisionCount = created.collisionCount;
    all.push(update);
  }
  const current = all.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount, all };
}

// The deprecated rollback request: an annotation deprecated.deployment.rollback.to=<revision>
// (what extensions/v1beta1's rollback subresource left behind; kubectl's undo patches the
// template itself). The Deployment takes that revision's template and annotations, or a
// warning event says why not; the annotation is removed either way (upstream's rollback).
import type { ReplicaSetObject } from "../replicaset/types.ts";
import type { Run } from "./context.ts";
import { annotationsForRollback, ANNOTATION, lastRevision, revisionOf } from "./history.ts";
import { getAllReplicaSetsAndSyncRevision } from "./new-rs.ts";
import { equalIgnoreHash, HASH_LABEL } from "./util/replicasets.ts";

/** The requested revision, or undefined when there is no (valid) request. */
export function rollbackTo(run: Run): number | undefined {
  const v = run.d.metadata.annotations?.[ANNOTATION.rollbackTo];
  return v && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

export async function rollback(run: Run, rsList: ReplicaSetObject[]) {
  const d = run.d;
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(run, rsList, true);
  const allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let revision = rollbackTo(run) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) {
      run.event("Warning", "DeploymentRollbackRevisionNotFound", "Unable to find last revision.");
      return clearRollbackTo(run);
    }
  }
  const target = allRSs.find((rs) => revisionOf(rs) === revision);
  if (!target) {
    run.event("Warning", "DeploymentRollbackRevisionNotFound", "Unable to find the revision to rollback to.");
    return clearRollbackTo(run);
  }
  if (equalIgnoreHash(d.spec.template, target.spec?.template)) {
    run.event("Warning", "DeploymentRollbackTemplateUnchanged", `The rollback revision contains the same template as current deployment ${JSON.stringify(d.metadata.name)}`);
    return clearRollbackTo(run);
  }
  const template = structuredClone(target.spec!.template!);
  const labels = { ...template.metadata?.labels };
  delete labels[HASH_LABEL];
  template.metadata = { ...template.metadata, labels };
  d.spec.template = template;
  d.metadata.annotations = annotationsForRollback(d.metadata.annotations ?? {}, target.metadata.annotations ?? {});
  await clearRollbackTo(run);
  run.event("Normal", "DeploymentRollback", `Rolled back deployment ${JSON.stringify(d.metadata.name)} to revision ${revision}`);
}

async function clearRollbackTo(run: Run) {
  const annotations = { ...run.d.metadata.annotations };
  delete annotations[ANNOTATION.rollbackTo];
  run.d.metadata.annotations = annotations;
  await run.update();
}

// The Secrets a pod uses, by name: what a node may read on behalf of the pods bound to it
// (upstream's Node authorizer graph, reduced to a scan of the namespace's pods).
import type { Container, Pod } from "kubernetes-types/core/v1";

export function podSecretNames(pod: Pod): Set<string> {
  const names = new Set<string>();
  const add = (n: string | undefined) => void (n && names.add(n));
  const spec = pod.spec;
  if (!spec) return names;
  for (const s of spec.imagePullSecrets ?? []) add(s.name);
  for (const v of spec.volumes ?? []) {
    add(v.secret?.secretName);
    for (const src of v.projected?.sources ?? []) add(src.secret?.name);
    add(v.azureFile?.secretName);
    add(v.cephfs?.secretRef?.name);
    add(v.cinder?.secretRef?.name);
    add(v.flexVolume?.secretRef?.name);
    add(v.iscsi?.secretRef?.name);
    add(v.rbd?.secretRef?.name);
    add(v.scaleIO?.secretRef?.name);
    add(v.storageos?.secretRef?.name);
    add(v.csi?.nodePublishSecretRef?.name);
  }
  const containers: Container[] = [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...((spec.ephemeralContainers ?? []) as Container[])];
  for (const c of containers) {
    for (const e of c.env ?? []) add(e.valueFrom?.secretKeyRef?.name);
    for (const e of c.envFrom ?? []) add(e.secretRef?.name);
  }
  return names;
}

// Persistent volumes, claims and storage classes.
import type { KubeObject } from "../../../../shared/api/object.ts";
import type { PrintContext, Printer } from "../types.ts";
import { get, str, strings } from "../format.ts";
import { ageColumn, ageOf, column, nameColumn, nameOf } from "./common.ts";

const ACCESS_MODES: [string, string][] = [
  ["ReadWriteOnce", "RWO"],
  ["ReadOnlyMany", "ROX"],
  ["ReadWriteMany", "RWX"],
  ["ReadWriteOncePod", "RWOP"],
];

export function accessModes(modes: unknown): string {
  const set = new Set(strings(modes));
  return ACCESS_MODES.filter(([m]) => set.has(m))
    .map(([, short]) => short)
    .join(",");
}

const BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

function storageClassOf(o: KubeObject): string {
  const ann = o.metadata?.annotations?.[BETA_CLASS_ANNOTATION];
  return ann ?? str(get(o, "spec.storageClassName"));
}

const terminatingOr = (o: KubeObject, phase: string) => (o.metadata?.deletionTimestamp != null ? "Terminating" : phase);
const storageOf = (v: unknown) => (v == null ? "" : String(v));

export const persistentVolumePrinter: Printer = {
  columns: [
    nameColumn,
    column("Capacity", "Storage capacity of the volume."),
    column("Access Modes", "How the volume can be mounted: RWO, ROX, RWX, RWOP."),
    column("Reclaim Policy", "What happens to the volume when its claim is released."),
    column("Status", "Phase of the volume: Available, Bound, Released or Failed."),
    column("Claim", "The bound claim, as namespace/name."),
    column("StorageClass", "Storage class of the volume."),
    column("VolumeAttributesClass", "Volume attributes class of the volume."),
    column("Reason", "Reason for a failed phase."),
    ageColumn,
    column("VolumeMode", "Filesystem or Block.", { priority: 1 }),
  ],
  cells(pv: KubeObject, ctx: PrintContext) {
    const claim = get(pv, "spec.claimRef");
    return [
      nameOf(pv),
      storageOf(get(pv, "spec.capacity.storage")) || "0",
      accessModes(get(pv, "spec.accessModes")),
      str(get(pv, "spec.persistentVolumeReclaimPolicy")),
      terminatingOr(pv, str(get(pv, "status.phase"))),
      claim ? `${str(get(claim, "namespace"))}/${str(get(claim, "name"))}` : "",
      storageClassOf(pv),
      str(get(pv, "spec.volumeAttributesClassName")) || "<unset>",
      str(get(pv, "status.reason")),
      ageOf(pv, ctx),
      str(get(pv, "spec.volumeMode")) || "<unset>",
    ];
  },
};

export const persistentVolumeClaimPrinter: Printer = {
  columns: [
    nameColumn,
    column("Status", "Phase of the claim: Pending, Bound or Lost."),
    column("Volume", "Name of the bound volume."),
    column("Capacity", "Capacity of the bound volume."),
    column("Access Modes", "Access modes of the bound volume."),
    column("StorageClass", "Storage class requested by the claim."),
    column("VolumeAttributesClass", "Volume attributes class requested by the claim."),
    ageColumn,
    column("VolumeMode", "Filesystem or Block.", { priority: 1 }),
  ],
  cells(pvc: KubeObject, ctx: PrintContext) {
    const volumeName = str(get(pvc, "spec.volumeName"));
    return [
      nameOf(pvc),
      terminatingOr(pvc, str(get(pvc, "status.phase"))),
      volumeName,
      volumeName ? storageOf(get(pvc, "status.capacity.storage")) || "0" : "",
      volumeName ? accessModes(get(pvc, "status.accessModes")) : "",
      storageClassOf(pvc),
      str(get(pvc, "spec.volumeAttributesClassName")) || "<unset>",
      ageOf(pvc, ctx),
      str(get(pvc, "spec.volumeMode")) || "<unset>",
    ];
  },
};

const DEFAULT_CLASS_ANNOTATIONS = [
  "storageclass.kubernetes.io/is-default-class",
  "storageclass.beta.kubernetes.io/is-default-class",
];

export const storageClassPrinter: Printer = {
  columns: [
    nameColumn,
    column("Provisioner", "Driver that provisions volumes of this class."),
    column("ReclaimPolicy", "Reclaim policy given to provisioned volumes."),
    column("VolumeBindingMode", "Immediate or WaitForFirstConsumer."),
    column("AllowVolumeExpansion", "Whether claims of this class may be resized."),
    ageColumn,
  ],
  cells(sc: KubeObject, ctx: PrintContext) {
    const annotations = sc.metadata?.annotations ?? {};
    const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === "true");
    return [
      isDefault ? `${nameOf(sc)} (default)` : nameOf(sc),
      str(sc.provisioner),
      str(sc.reclaimPolicy) || "Delete",
      str(sc.volumeBindingMode) || "Immediate",
      sc.allowVolumeExpansion === true,
      ageOf(sc, ctx),
    ];
  },
};

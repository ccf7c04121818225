// core/v1 volumes of the common kinds (hostPath, emptyDir, secret, configMap, nfs, persistentVolumeClaim,
// downwardAPI, projected, csi, ephemeral, image) and PersistentVolumeClaim. Deprecated in-tree sources
// (gcePersistentDisk, awsElasticBlockStore, rbd, cephfs, …) have no table and are skipped.
// Field numbers from k8s.io/api core/v1/generated.proto; "ptr"/"req"/"inline" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const coreVolumes: GroupSpec = {
  Volume: {
    1: ["name", "string", "req"],
    2: ["volumeSource", "VolumeSource", "inline"],
  },
  VolumeSource: {
    1: ["hostPath", "HostPathVolumeSource"],
    2: ["emptyDir", "EmptyDirVolumeSource"],
    6: ["secret", "SecretVolumeSource"],
    7: ["nfs", "NFSVolumeSource"],
    10: ["persistentVolumeClaim", "PersistentVolumeClaimVolumeSource"],
    16: ["downwardAPI", "DownwardAPIVolumeSource"],
    19: ["configMap", "ConfigMapVolumeSource"],
    26: ["projected", "ProjectedVolumeSource"],
    28: ["csi", "CSIVolumeSource"],
    29: ["ephemeral", "EphemeralVolumeSource"],
    30: ["image", "ImageVolumeSource"],
  },
  HostPathVolumeSource: {
    1: ["path", "string", "req"],
    2: ["type", "string", "ptr"],
  },
  EmptyDirVolumeSource: {
    1: ["medium", "string"],
    2: ["sizeLimit", "Quantity"],
  },
  SecretVolumeSource: {
    1: ["secretName", "string"],
    2: ["items", "[]KeyToPath"],
    3: ["defaultMode", "int32", "ptr"],
    4: ["optional", "bool", "ptr"],
  },
  ConfigMapVolumeSource: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["items", "[]KeyToPath"],
    3: ["defaultMode", "int32", "ptr"],
    4: ["optional", "bool", "ptr"],
  },
  KeyToPath: {
    1: ["key", "string", "req"],
    2: ["path", "string", "req"],
    3: ["mode", "int32", "ptr"],
  },
  NFSVolumeSource: {
    1: ["server", "string", "req"],
    2: ["path", "string", "req"],
    3: ["readOnly", "bool"],
  },
  PersistentVolumeClaimVolumeSource: {
    1: ["claimName", "string", "req"],
    2: ["readOnly", "bool"],
  },
  DownwardAPIVolumeSource: {
    1: ["items", "[]DownwardAPIVolumeFile"],
    2: ["defaultMode", "int32", "ptr"],
  },
  DownwardAPIVolumeFile: {
    1: ["path", "string", "req"],
    2: ["fieldRef", "ObjectFieldSelector"],
    3: ["resourceFieldRef", "ResourceFieldSelector"],
    4: ["mode", "int32", "ptr"],
  },
  ProjectedVolumeSource: {
    1: ["sources", "[]VolumeProjection"],
    2: ["defaultMode", "int32", "ptr"],
  },
  VolumeProjection: {
    1: ["secret", "SecretProjection"],
    2: ["downwardAPI", "DownwardAPIProjection"],
    3: ["configMap", "ConfigMapProjection"],
    4: ["serviceAccountToken", "ServiceAccountTokenProjection"],
    5: ["clusterTrustBundle", "ClusterTrustBundleProjection"],
  },
  SecretProjection: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["items", "[]KeyToPath"],
    4: ["optional", "bool", "ptr"],
  },
  ConfigMapProjection: {
    1: ["localObjectReference", "LocalObjectReference", "inline"],
    2: ["items", "[]KeyToPath"],
    4: ["optional", "bool", "ptr"],
  },
  DownwardAPIProjection: {
    1: ["items", "[]DownwardAPIVolumeFile"],
  },
  ServiceAccountTokenProjection: {
    1: ["audience", "string"],
    2: ["expirationSeconds", "int64", "ptr"],
    3: ["path", "string", "req"],
  },
  ClusterTrustBundleProjection: {
    1: ["name", "string", "ptr"],
    2: ["signerName", "string", "ptr"],
    3: ["labelSelector", "meta.LabelSelector"],
    5: ["optional", "bool", "ptr"],
    4: ["path", "string", "req"],
  },
  CSIVolumeSource: {
    1: ["driver", "string", "req"],
    2: ["readOnly", "bool", "ptr"],
    3: ["fsType", "string", "ptr"],
    4: ["volumeAttributes", "map[string]string"],
    5: ["nodePublishSecretRef", "LocalObjectReference"],
  },
  EphemeralVolumeSource: {
    1: ["volumeClaimTemplate", "PersistentVolumeClaimTemplate"],
  },
  ImageVolumeSource: {
    1: ["reference", "string"],
    2: ["pullPolicy", "string"],
  },
  PersistentVolumeClaimTemplate: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "PersistentVolumeClaimSpec"],
  },
  PersistentVolumeClaim: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "PersistentVolumeClaimSpec"],
    3: ["status", "PersistentVolumeClaimStatus"],
  },
  PersistentVolumeClaimSpec: {
    1: ["accessModes", "[]string"],
    4: ["selector", "meta.LabelSelector"],
    2: ["resources", "VolumeResourceRequirements"],
    3: ["volumeName", "string"],
    5: ["storageClassName", "string", "ptr"],
    6: ["volumeMode", "string", "ptr"],
    7: ["dataSource", "TypedLocalObjectReference"],
    8: ["dataSourceRef", "TypedObjectReference"],
    9: ["volumeAttributesClassName", "string", "ptr"],
  },
  VolumeResourceRequirements: {
    1: ["limits", "map[string]Quantity"],
    2: ["requests", "map[string]Quantity"],
  },
  TypedLocalObjectReference: {
    1: ["apiGroup", "string", "ptr"],
    2: ["kind", "string", "req"],
    3: ["name", "string", "req"],
  },
  TypedObjectReference: {
    1: ["apiGroup", "string", "ptr"],
    2: ["kind", "string", "req"],
    3: ["name", "string", "req"],
    4: ["namespace", "string", "ptr"],
  },
  // Shallow status.
  PersistentVolumeClaimStatus: {
    1: ["phase", "string"],
    2: ["accessModes", "[]string"],
    3: ["capacity", "map[string]Quantity"],
  },
};

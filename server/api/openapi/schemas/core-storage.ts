// Schema data: core/v1 persistent volumes and claims.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      PersistentVolume: {
        d: "A piece of storage provisioned by an administrator or a storage class.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "PersistentVolumeSpec; Capacity, access modes and source of the volume.",
          status: "PersistentVolumeStatus; Phase of the volume.",
        },
      },
      PersistentVolumeClaim: {
        d: "A user's request for storage, bound to a persistent volume.",
        f: {
          apiVersion: "string; API group and version of this object's schema, e.g. apps/v1.",
          kind: "string; Type of this object, e.g. Pod or Deployment.",
          metadata: "ObjectMeta; Standard object metadata: name, namespace, labels, annotations and more.",
          spec: "PersistentVolumeClaimSpec; The requested storage.",
          status: "PersistentVolumeClaimStatus; Binding state and actual capacity.",
        },
      },
      PersistentVolumeSpec: {
        d: "Desired state of a persistent volume.",
        f: {
          accessModes: "[]string; How the volume can be mounted: ReadWriteOnce, ReadOnlyMany, ReadWriteMany, ReadWriteOncePod.",
          awsElasticBlockStore: "AWSElasticBlockStoreVolumeSource; Deprecated AWS EBS disk; use the CSI driver.",
          azureDisk: "AzureDiskVolumeSource; Deprecated Azure data disk; use the CSI driver.",
          azureFile: "AzureFilePersistentVolumeSource; Deprecated Azure File share; use the CSI driver.",
          capacity: "{}Quantity; Capacity of the volume, e.g. storage: 10Gi.",
          cephfs: "CephFSPersistentVolumeSource; CephFS mount.",
          cinder: "CinderPersistentVolumeSource; Deprecated OpenStack Cinder volume.",
          claimRef: "ObjectReference; The claim bound to this volume.",
          csi: "CSIPersistentVolumeSource; Volume managed by a CSI driver.",
          fc: "FCVolumeSource; Fibre Channel disk.",
          flexVolume: "FlexPersistentVolumeSource; Deprecated FlexVolume plugin.",
          flocker: "FlockerVolumeSource; Deprecated Flocker dataset.",
          gcePersistentDisk: "GCEPersistentDiskVolumeSource; Deprecated GCE persistent disk; use the CSI driver.",
          glusterfs: "GlusterfsPersistentVolumeSource; Glusterfs mount.",
          hostPath: "HostPathVolumeSource; Directory on a single node; for testing only.",
          iscsi: "ISCSIPersistentVolumeSource; iSCSI disk.",
          local: "LocalVolumeSource; Local storage on one node.",
          mountOptions: "[]string; Mount options.",
          nfs: "NFSVolumeSource; NFS export.",
          nodeAffinity: "VolumeNodeAffinity; Nodes the volume can be used from.",
          persistentVolumeReclaimPolicy: "string; Retain, Delete or Recycle when released.",
          photonPersistentDisk: "PhotonPersistentDiskVolumeSource; Deprecated Photon Controller disk.",
          portworxVolume: "PortworxVolumeSource; Deprecated Portworx volume.",
          quobyte: "QuobyteVolumeSource; Deprecated Quobyte mount.",
          rbd: "RBDPersistentVolumeSource; Ceph RBD image.",
          scaleIO: "ScaleIOPersistentVolumeSource; Deprecated ScaleIO volume.",
          storageClassName: "string; Storage class of the volume.",
          storageos: "StorageOSPersistentVolumeSource; Deprecated StorageOS volume.",
          volumeAttributesClassName: "string; Volume attributes class of the volume.",
          volumeMode: "string; Filesystem (default) or Block.",
          vsphereVolume: "VsphereVirtualDiskVolumeSource; Deprecated vSphere disk.",
        },
      },
      PersistentVolumeStatus: {
        d: "Observed state of a persistent volume.",
        f: {
          lastPhaseTransitionTime: "Time; When the phase last changed.",
          message: "string; Human-readable details.",
          phase: "string; Pending, Available, Bound, Released or Failed.",
          reason: "string; Short reason for a failure.",
        },
      },
      PersistentVolumeClaimSpec: {
        d: "Requested storage.",
        f: {
          accessModes: "[]string; Requested access modes.",
          dataSource: "TypedLocalObjectReference; Object to populate the volume from, e.g. a VolumeSnapshot.",
          dataSourceRef: "TypedObjectReference; Object (possibly in another namespace) to populate the volume from.",
          resources: "VolumeResourceRequirements; Requested capacity, e.g. requests.storage: 1Gi.",
          selector: "LabelSelector; Label query over the volumes to bind to.",
          storageClassName: "string; Storage class to provision from; empty string disables dynamic provisioning.",
          volumeAttributesClassName: "string; Volume attributes class to use.",
          volumeMode: "string; Filesystem (default) or Block.",
          volumeName: "string; Name of the volume to bind to.",
        },
      },
      PersistentVolumeClaimStatus: {
        d: "Observed state of a claim.",
        f: {
          accessModes: "[]string; Access modes of the bound volume.",
          allocatedResourceStatuses: "{}string; Status of resize operations.",
          allocatedResources: "{}Quantity; Resources allocated to the claim.",
          capacity: "{}Quantity; Actual capacity of the bound volume.",
          conditions: "[]PersistentVolumeClaimCondition; Conditions of the claim, e.g. Resizing.",
          currentVolumeAttributesClassName: "string; Volume attributes class in effect.",
          modifyVolumeStatus: "ModifyVolumeStatus; Status of a volume attributes change.",
          phase: "string; Pending, Bound or Lost.",
        },
      },
      CSIPersistentVolumeSource: {
        d: "A persistent volume managed by a CSI driver.",
        req: ["driver",  "volumeHandle"],
        f: {
          controllerExpandSecretRef: "SecretReference; Secret passed to ControllerExpandVolume.",
          controllerPublishSecretRef: "SecretReference; Secret passed to ControllerPublishVolume.",
          driver: "string; Name of the CSI driver.",
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          nodeExpandSecretRef: "SecretReference; Secret passed to NodeExpandVolume.",
          nodePublishSecretRef: "SecretReference; Secret passed to NodePublishVolume.",
          nodeStageSecretRef: "SecretReference; Secret passed to NodeStageVolume.",
          readOnly: "boolean; Mount the volume read-only when true.",
          volumeAttributes: "{}string; Driver-specific attributes.",
          volumeHandle: "string; Driver's unique ID of the volume.",
        },
      },
      VolumeNodeAffinity: {
        d: "Nodes a volume can be accessed from.",
        f: {
          required: "NodeSelector; Node requirements.",
        },
      },
      TypedLocalObjectReference: {
        d: "A typed reference to an object in the same namespace.",
        req: ["name"],
        f: {
          apiGroup: "string; API group of the referent; empty for core.",
          kind: "string; Kind of the referent.",
          name: "string; Name of the referent.",
        },
      },
      TypedObjectReference: {
        d: "A typed reference to an object, possibly in another namespace.",
        req: ["name"],
        f: {
          apiGroup: "string; API group of the referent; empty for core.",
          kind: "string; Kind of the referent.",
          name: "string; Name of the referent.",
          namespace: "string; Namespace of the referent.",
        },
      },
      VolumeResourceRequirements: {
        d: "Storage requests and limits.",
        f: {
          limits: "{}Quantity; Maximum storage.",
          requests: "{}Quantity; Minimum storage, e.g. storage: 1Gi.",
        },
      },
      PersistentVolumeClaimCondition: {
        d: "One aspect of a claim's state.",
        req: ["status",  "type"],
        f: {
          lastProbeTime: "Time; When the condition was last checked.",
          lastTransitionTime: "Time; When the condition last changed status.",
          message: "string; Human-readable details about the last transition.",
          reason: "string; One-word CamelCase reason for the last transition.",
          status: "string; Status of the condition: True, False or Unknown.",
          type: "string; Type of the condition, e.g. Ready or Available.",
        },
      },
      ModifyVolumeStatus: {
        d: "Status of a volume attributes change.",
        req: ["status"],
        f: {
          status: "string; Pending, InProgress or Infeasible.",
          targetVolumeAttributesClassName: "string; Class being applied.",
        },
      },
      PersistentVolumeClaimVolumeSource: {
        d: "Mounts the volume bound to a PersistentVolumeClaim.",
        req: ["claimName"],
        f: {
          claimName: "string; Name of the PersistentVolumeClaim.",
          readOnly: "boolean; Force a read-only mount.",
        },
      },
      SecretReference: {
        d: "A Secret by name and namespace.",
        f: {
          name: "string; Name of the Secret.",
          namespace: "string; Namespace of the Secret.",
        },
      },
      PersistentVolumeClaimTemplate: {
        d: "Template of a PVC created for an ephemeral volume.",
        req: ["spec"],
        f: {
          metadata: "ObjectMeta; Labels and annotations for the PVC.",
          spec: "PersistentVolumeClaimSpec; Spec of the PVC.",
        },
      },
    },
  },
];

// Schema data: core/v1 in-tree volume plugins (mostly deprecated).
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      AWSElasticBlockStoreVolumeSource: {
        d: "Deprecated in-tree AWS EBS volume.",
        req: ["volumeID"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          partition: "int32; Partition of the disk to mount; 0 for the whole disk.",
          readOnly: "boolean; Mount the volume read-only when true.",
          volumeID: "string; ID of the volume in the storage backend.",
        },
      },
      AzureDiskVolumeSource: {
        d: "Deprecated in-tree Azure data disk.",
        req: ["diskName",  "diskURI"],
        f: {
          cachingMode: "string; Host caching mode: None, ReadOnly or ReadWrite.",
          diskName: "string; Name of the data disk.",
          diskURI: "string; URI of the data disk.",
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          kind: "string; Shared, Dedicated or Managed.",
          readOnly: "boolean; Mount the volume read-only when true.",
        },
      },
      FCVolumeSource: {
        d: "A Fibre Channel disk.",
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          lun: "int32; Target LUN number.",
          readOnly: "boolean; Mount the volume read-only when true.",
          targetWWNs: "[]string; Fibre Channel target world-wide names.",
          wwids: "[]string; Fibre Channel volume world-wide identifiers.",
        },
      },
      FlockerVolumeSource: {
        d: "Deprecated Flocker dataset.",
        f: {
          datasetName: "string; Name of the dataset.",
          datasetUUID: "string; UUID of the dataset.",
        },
      },
      GCEPersistentDiskVolumeSource: {
        d: "Deprecated in-tree GCE persistent disk.",
        req: ["pdName"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          partition: "int32; Partition of the disk to mount; 0 for the whole disk.",
          pdName: "string; Name of the persistent disk.",
          readOnly: "boolean; Mount the volume read-only when true.",
        },
      },
      PortworxVolumeSource: {
        d: "Deprecated in-tree Portworx volume.",
        req: ["volumeID"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          readOnly: "boolean; Mount the volume read-only when true.",
          volumeID: "string; ID of the volume in the storage backend.",
        },
      },
      QuobyteVolumeSource: {
        d: "Deprecated Quobyte mount.",
        req: ["registry",  "volume"],
        f: {
          group: "string; Group to map volume access to.",
          readOnly: "boolean; Mount the volume read-only when true.",
          registry: "string; Registry service addresses, host:port.",
          tenant: "string; Tenant owning the volume.",
          user: "string; User name for the storage backend.",
          volume: "string; Name of an existing volume.",
        },
      },
      VsphereVirtualDiskVolumeSource: {
        d: "Deprecated in-tree vSphere disk.",
        req: ["volumePath"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          storagePolicyID: "string; Storage policy ID.",
          storagePolicyName: "string; Storage policy name.",
          volumePath: "string; Path of the disk in the datastore.",
        },
      },
      AzureFileVolumeSource: {
        d: "Deprecated in-tree Azure File share.",
        req: ["secretName",  "shareName"],
        f: {
          readOnly: "boolean; Mount the volume read-only when true.",
          secretName: "string; Name of the Secret with credentials.",
          shareName: "string; Name of the share.",
        },
      },
      CephFSVolumeSource: {
        d: "A CephFS mount.",
        req: ["monitors"],
        f: {
          monitors: "[]string; Ceph monitor addresses.",
          path: "string; Path inside the volume or on the server.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretFile: "string; Path to the key file.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
          user: "string; User name for the storage backend.",
        },
      },
      CinderVolumeSource: {
        d: "Deprecated in-tree OpenStack Cinder volume.",
        req: ["volumeID"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
          volumeID: "string; ID of the volume in the storage backend.",
        },
      },
      FlexVolumeSource: {
        d: "Deprecated FlexVolume plugin volume.",
        req: ["driver"],
        f: {
          driver: "string; Name of the volume driver.",
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          options: "{}string; Driver-specific options.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
        },
      },
      GlusterfsVolumeSource: {
        d: "A Glusterfs mount.",
        req: ["endpoints",  "path"],
        f: {
          endpoints: "string; Name of the Endpoints object listing the cluster hosts.",
          path: "string; Path inside the volume or on the server.",
          readOnly: "boolean; Mount the volume read-only when true.",
        },
      },
      ISCSIVolumeSource: {
        d: "An iSCSI disk.",
        req: ["iqn",  "lun",  "targetPortal"],
        f: {
          chapAuthDiscovery: "boolean; Use CHAP authentication for discovery.",
          chapAuthSession: "boolean; Use CHAP authentication for the session.",
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          initiatorName: "string; Custom iSCSI initiator name.",
          iqn: "string; iSCSI qualified name of the target.",
          iscsiInterface: "string; iSCSI interface name; default tcp.",
          lun: "int32; Target LUN number.",
          portals: "[]string; Extra iSCSI target portals.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
          targetPortal: "string; iSCSI target portal, host or host:port.",
        },
      },
      RBDVolumeSource: {
        d: "A Ceph RBD image.",
        req: ["image",  "monitors"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          image: "string; Image name in the storage backend.",
          keyring: "string; Path to the keyring file.",
          monitors: "[]string; Ceph monitor addresses.",
          pool: "string; Storage pool name.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
          user: "string; User name for the storage backend.",
        },
      },
      ScaleIOVolumeSource: {
        d: "Deprecated ScaleIO volume.",
        req: ["gateway",  "secretRef",  "system"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          gateway: "string; URL of the storage gateway.",
          protectionDomain: "string; Name of the protection domain.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
          sslEnabled: "boolean; Use TLS to talk to the gateway.",
          storageMode: "string; ThickProvisioned or ThinProvisioned.",
          storagePool: "string; Name of the storage pool.",
          system: "string; Name of the storage system.",
          volumeName: "string; Name of the volume in the storage backend.",
        },
      },
      StorageOSVolumeSource: {
        d: "Deprecated StorageOS volume.",
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "LocalObjectReference; Secret holding credentials for this volume source.",
          volumeName: "string; Name of the volume in the storage backend.",
          volumeNamespace: "string; Namespace of the volume in the storage backend.",
        },
      },
    },
  },
];

// Schema data: core/v1 in-tree persistent volume plugins (mostly deprecated).
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      AzureFilePersistentVolumeSource: {
        d: "Deprecated in-tree Azure File share for persistent volumes.",
        req: ["secretName",  "shareName"],
        f: {
          readOnly: "boolean; Mount the volume read-only when true.",
          secretName: "string; Name of the Secret with credentials.",
          secretNamespace: "string; Namespace of the Secret with credentials.",
          shareName: "string; Name of the share.",
        },
      },
      CephFSPersistentVolumeSource: {
        d: "A CephFS mount for persistent volumes.",
        req: ["monitors"],
        f: {
          monitors: "[]string; Ceph monitor addresses.",
          path: "string; Path inside the volume or on the server.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretFile: "string; Path to the key file.",
          secretRef: "SecretReference; Secret holding credentials for this volume source.",
          user: "string; User name for the storage backend.",
        },
      },
      CinderPersistentVolumeSource: {
        d: "Deprecated in-tree OpenStack Cinder volume for persistent volumes.",
        req: ["volumeID"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "SecretReference; Secret holding credentials for this volume source.",
          volumeID: "string; ID of the volume in the storage backend.",
        },
      },
      FlexPersistentVolumeSource: {
        d: "Deprecated FlexVolume plugin volume for persistent volumes.",
        req: ["driver"],
        f: {
          driver: "string; Name of the volume driver.",
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          options: "{}string; Driver-specific options.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "SecretReference; Secret holding credentials for this volume source.",
        },
      },
      GlusterfsPersistentVolumeSource: {
        d: "A Glusterfs mount for persistent volumes.",
        req: ["endpoints",  "path"],
        f: {
          endpoints: "string; Name of the Endpoints object listing the cluster hosts.",
          endpointsNamespace: "string; Namespace of the Endpoints object.",
          path: "string; Path inside the volume or on the server.",
          readOnly: "boolean; Mount the volume read-only when true.",
        },
      },
      ISCSIPersistentVolumeSource: {
        d: "An iSCSI disk for persistent volumes.",
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
          secretRef: "SecretReference; Secret holding credentials for this volume source.",
          targetPortal: "string; iSCSI target portal, host or host:port.",
        },
      },
      PhotonPersistentDiskVolumeSource: {
        d: "Deprecated Photon Controller disk.",
        req: ["pdID"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          pdID: "string; ID of the persistent disk.",
        },
      },
      RBDPersistentVolumeSource: {
        d: "A Ceph RBD image for persistent volumes.",
        req: ["image",  "monitors"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          image: "string; Image name in the storage backend.",
          keyring: "string; Path to the keyring file.",
          monitors: "[]string; Ceph monitor addresses.",
          pool: "string; Storage pool name.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "SecretReference; Secret holding credentials for this volume source.",
          user: "string; User name for the storage backend.",
        },
      },
      ScaleIOPersistentVolumeSource: {
        d: "Deprecated ScaleIO volume for persistent volumes.",
        req: ["gateway",  "secretRef",  "system"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          gateway: "string; URL of the storage gateway.",
          protectionDomain: "string; Name of the protection domain.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "SecretReference; Secret holding credentials for this volume source.",
          sslEnabled: "boolean; Use TLS to talk to the gateway.",
          storageMode: "string; ThickProvisioned or ThinProvisioned.",
          storagePool: "string; Name of the storage pool.",
          system: "string; Name of the storage system.",
          volumeName: "string; Name of the volume in the storage backend.",
        },
      },
      StorageOSPersistentVolumeSource: {
        d: "Deprecated StorageOS volume for persistent volumes.",
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          readOnly: "boolean; Mount the volume read-only when true.",
          secretRef: "ObjectReference; Secret holding credentials for this volume source.",
          volumeName: "string; Name of the volume in the storage backend.",
          volumeNamespace: "string; Namespace of the volume in the storage backend.",
        },
      },
    },
  },
];

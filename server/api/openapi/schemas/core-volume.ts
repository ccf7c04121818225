// Schema data: core/v1 pod volumes.
// Field names, types and patch metadata follow the upstream API; the descriptions are kubun's own.
import type { SchemaPackage } from "../dsl.ts";

export const schemas: SchemaPackage[] = [
  {
    pkg: "io.k8s.api.core.v1",
    types: {
      Volume: {
        d: "A named volume in a pod that containers can mount; exactly one source is set.",
        req: ["name"],
        f: {
          awsElasticBlockStore: "AWSElasticBlockStoreVolumeSource; Deprecated AWS EBS disk; use the CSI driver.",
          azureDisk: "AzureDiskVolumeSource; Deprecated Azure data disk; use the CSI driver.",
          azureFile: "AzureFileVolumeSource; Deprecated Azure File share; use the CSI driver.",
          cephfs: "CephFSVolumeSource; CephFS mount.",
          cinder: "CinderVolumeSource; Deprecated OpenStack Cinder volume.",
          configMap: "ConfigMapVolumeSource; Files from the keys of a ConfigMap.",
          csi: "CSIVolumeSource; Inline ephemeral volume provided by a CSI driver.",
          downwardAPI: "DownwardAPIVolumeSource; Files with information about the pod.",
          emptyDir: "EmptyDirVolumeSource; Empty directory that lives as long as the pod.",
          ephemeral: "EphemeralVolumeSource; Generic ephemeral volume backed by a PVC created for the pod.",
          fc: "FCVolumeSource; Fibre Channel disk.",
          flexVolume: "FlexVolumeSource; Deprecated FlexVolume plugin.",
          flocker: "FlockerVolumeSource; Deprecated Flocker dataset.",
          gcePersistentDisk: "GCEPersistentDiskVolumeSource; Deprecated GCE persistent disk; use the CSI driver.",
          gitRepo: "GitRepoVolumeSource; Deprecated: a git repository cloned into an empty directory.",
          glusterfs: "GlusterfsVolumeSource; Glusterfs mount.",
          hostPath: "HostPathVolumeSource; File or directory on the node's filesystem.",
          image: "ImageVolumeSource; Contents of an OCI image or artifact, mounted read-only.",
          iscsi: "ISCSIVolumeSource; iSCSI disk.",
          name: "string; Name of the volume, referenced by volumeMounts (a DNS label).",
          nfs: "NFSVolumeSource; NFS export.",
          persistentVolumeClaim: "PersistentVolumeClaimVolumeSource; A PersistentVolumeClaim in the same namespace.",
          photonPersistentDisk: "PhotonPersistentDiskVolumeSource; Deprecated Photon Controller disk.",
          portworxVolume: "PortworxVolumeSource; Deprecated Portworx volume.",
          projected: "ProjectedVolumeSource; Several sources (secrets, configmaps, downward API, tokens) in one directory.",
          quobyte: "QuobyteVolumeSource; Deprecated Quobyte mount.",
          rbd: "RBDVolumeSource; Ceph RBD image.",
          scaleIO: "ScaleIOVolumeSource; Deprecated ScaleIO volume.",
          secret: "SecretVolumeSource; Files from the keys of a Secret.",
          storageos: "StorageOSVolumeSource; Deprecated StorageOS volume.",
          vsphereVolume: "VsphereVirtualDiskVolumeSource; Deprecated vSphere disk.",
        },
      },
      HostPathVolumeSource: {
        d: "A path on the node.",
        req: ["path"],
        f: {
          path: "string; Path on the node.",
          type: "string; Check before mounting: DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.",
        },
      },
      LocalVolumeSource: {
        d: "A local disk, partition or directory on one node.",
        req: ["path"],
        f: {
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          path: "string; Full path on the node.",
        },
      },
      NFSVolumeSource: {
        d: "An NFS export.",
        req: ["path",  "server"],
        f: {
          path: "string; Exported path.",
          readOnly: "boolean; Mount the volume read-only when true.",
          server: "string; NFS server host name or IP address.",
        },
      },
      ConfigMapVolumeSource: {
        d: "Projects the keys of a ConfigMap as files.",
        f: {
          defaultMode: "int32; File permission bits applied to created files, e.g. 0644.",
          items: "[]KeyToPath; Which keys to project, and the file path for each; all keys when empty.",
          name: "string; Name of the ConfigMap.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
      CSIVolumeSource: {
        d: "An inline ephemeral volume from a CSI driver.",
        req: ["driver"],
        f: {
          driver: "string; Name of the CSI driver.",
          fsType: "string; Filesystem type to mount, e.g. ext4 or xfs.",
          nodePublishSecretRef: "LocalObjectReference; Secret passed to the driver's NodePublishVolume call.",
          readOnly: "boolean; Mount the volume read-only when true.",
          volumeAttributes: "{}string; Driver-specific attributes.",
        },
      },
      DownwardAPIVolumeSource: {
        d: "Files with information about the pod.",
        f: {
          defaultMode: "int32; File permission bits applied to created files, e.g. 0644.",
          items: "[]DownwardAPIVolumeFile; Files to create.",
        },
      },
      EmptyDirVolumeSource: {
        d: "An empty directory that lives as long as the pod.",
        f: {
          medium: "string; Storage medium: empty for the node's disk, or Memory for tmpfs.",
          sizeLimit: "Quantity; Maximum size of the directory.",
        },
      },
      EphemeralVolumeSource: {
        d: "A generic ephemeral volume: a PVC created and deleted with the pod.",
        f: {
          volumeClaimTemplate: "PersistentVolumeClaimTemplate; Template of the PVC to create.",
        },
      },
      GitRepoVolumeSource: {
        d: "Deprecated: clones a git repository.",
        req: ["repository"],
        f: {
          directory: "string; Target directory name.",
          repository: "string; Repository URL.",
          revision: "string; Commit hash to check out.",
        },
      },
      ProjectedVolumeSource: {
        d: "Several volume sources projected into one directory.",
        f: {
          defaultMode: "int32; File permission bits applied to created files, e.g. 0644.",
          sources: "[]VolumeProjection; The sources to project.",
        },
      },
      SecretVolumeSource: {
        d: "Projects the keys of a Secret as files.",
        f: {
          defaultMode: "int32; File permission bits applied to created files, e.g. 0644.",
          items: "[]KeyToPath; Which keys to project, and the file path for each; all keys when empty.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
          secretName: "string; Name of the Secret.",
        },
      },
      KeyToPath: {
        d: "Maps one key to a file path.",
        req: ["key",  "path"],
        f: {
          key: "string; Key to project.",
          mode: "int32; Permission bits for this file.",
          path: "string; Relative file path to write the key to.",
        },
      },
      DownwardAPIVolumeFile: {
        d: "One downward API file.",
        req: ["path"],
        f: {
          fieldRef: "ObjectFieldSelector; Pod field to write.",
          mode: "int32; Permission bits of the file.",
          path: "string; Relative file path.",
          resourceFieldRef: "ResourceFieldSelector; Container resource to write.",
        },
      },
      VolumeProjection: {
        d: "One source of a projected volume.",
        f: {
          clusterTrustBundle: "ClusterTrustBundleProjection; Certificates from ClusterTrustBundle objects.",
          configMap: "ConfigMapProjection; Keys of a ConfigMap.",
          downwardAPI: "DownwardAPIProjection; Information about the pod.",
          secret: "SecretProjection; Keys of a Secret.",
          serviceAccountToken: "ServiceAccountTokenProjection; A service account token.",
        },
      },
      ClusterTrustBundleProjection: {
        d: "Certificates from ClusterTrustBundles in a projected volume.",
        req: ["path"],
        f: {
          labelSelector: "LabelSelector; Select bundles by label.",
          name: "string; Select a bundle by name.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
          path: "string; File path to write the certificates to.",
          signerName: "string; Select bundles by signer.",
        },
      },
      ConfigMapProjection: {
        d: "ConfigMap keys in a projected volume.",
        f: {
          items: "[]KeyToPath; Which keys to project, and the file path for each; all keys when empty.",
          name: "string; Name of the ConfigMap.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
      DownwardAPIProjection: {
        d: "Pod information in a projected volume.",
        f: {
          items: "[]DownwardAPIVolumeFile; Files to create.",
        },
      },
      SecretProjection: {
        d: "Secret keys in a projected volume.",
        f: {
          items: "[]KeyToPath; Which keys to project, and the file path for each; all keys when empty.",
          name: "string; Name of the Secret.",
          optional: "boolean; When true, a missing referenced object or key is not an error.",
        },
      },
      ServiceAccountTokenProjection: {
        d: "A service account token in a projected volume.",
        req: ["path"],
        f: {
          audience: "string; Intended audience of the token.",
          expirationSeconds: "int64; Requested token lifetime.",
          path: "string; File path to write the token to.",
        },
      },
      ImageVolumeSource: {
        d: "An OCI image or artifact mounted as a volume.",
        f: {
          pullPolicy: "string; Always, Never or IfNotPresent.",
          reference: "string; Image or artifact reference.",
        },
      },
    },
  },
];

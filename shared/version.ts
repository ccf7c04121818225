// The one place that names kubun's own version and the Kubernetes version it serves.

export const KUBUN_VERSION = "v0.1.0";

/** What `/version` reports; kubectl picks its client skew from `minor`. */
export const KUBE_VERSION = {
  major: "1",
  minor: "33",
  gitVersion: "v1.33.0+kubun",
} as const;

// certificates.k8s.io/v1: CertificateSigningRequest, also the body of `kubectl certificate approve|deny`
// (k8s.io/api certificates/v1/generated.proto). "ptr"/"req" as in ../schema.ts.
import type { GroupSpec } from "../schema.ts";

export const certificates: GroupSpec = {
  CertificateSigningRequest: {
    1: ["metadata", "meta.ObjectMeta"],
    2: ["spec", "CertificateSigningRequestSpec"],
    3: ["status", "CertificateSigningRequestStatus"],
  },
  CertificateSigningRequestSpec: {
    1: ["request", "bytes", "req"],
    7: ["signerName", "string", "req"],
    8: ["expirationSeconds", "int32", "ptr"],
    5: ["usages", "[]string"],
    2: ["username", "string"],
    3: ["uid", "string"],
    4: ["groups", "[]string"],
    6: ["extra", "map[string]StringList"],
  },
  CertificateSigningRequestStatus: {
    1: ["conditions", "[]CertificateSigningRequestCondition"],
    2: ["certificate", "bytes"],
  },
  CertificateSigningRequestCondition: {
    1: ["type", "string", "req"],
    6: ["status", "string", "req"],
    2: ["reason", "string"],
    3: ["message", "string"],
    4: ["lastUpdateTime", "Time"],
    5: ["lastTransitionTime", "Time"],
  },
};

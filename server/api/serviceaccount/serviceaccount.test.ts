import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { generateKeyPair, privateKeyToPem } from "../../../shared/pki/keys.ts";
import { serviceAccountApi } from "./testing.ts";
import { ServiceAccountTokens } from "./tokens.ts";

let api: Awaited<ReturnType<typeof serviceAccountApi>>;
beforeEach(async () => {
  api = await serviceAccountApi();
});
afterEach(() => api.close());

const sa = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name }, ...extra });
const pod = (name: string, spec: Record<string, unknown> = {}) => ({ apiVersion: "v1", kind: "Pod", metadata: { name }, spec: { containers: [{ name: "c", image: "busybox" }], ...spec } });
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());

async function token(name: string, spec: Record<string, unknown> = {}) {
  const r = await api.call("POST", `/api/v1/namespaces/default/serviceaccounts/${name}/token`, { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec });
  return r;
}

describe("serviceaccounts/token", () => {
  test("returns a signed token with upstream's claims, defaulted audiences and an hour's lifetime", async () => {
    const created = (await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("robot"))).json;
    const r = await token("robot");
    expect(r.status).toBe(201);
    expect(r.json.kind).toBe("TokenRequest");
    expect(r.json.spec).toEqual({ audiences: ["https://kubernetes.default.svc.cluster.local"], expirationSeconds: 3600, boundObjectRef: null });
    const c = claimsOf(r.json.status.token);
    expect(c.sub).toBe("system:serviceaccount:default:robot");
    expect(c.iss).toBe("https://kubernetes.default.svc.cluster.local");
    expect(c.exp - c.iat).toBe(3600);
    expect(c.nbf).toBe(c.iat);
    expect(c["kubernetes.io"]).toEqual({ namespace: "default", serviceaccount: { name: "robot", uid: created.metadata.uid } });
    expect(Date.parse(r.json.status.expirationTimestamp) / 1000).toBe(c.exp);
  });

  test("refuses a lifetime under 10 minutes, an unknown account and a pod of another account", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("robot"));
    const short = await token("robot", { expirationSeconds: 60 });
    expect(short.status).toBe(422);
    expect(short.json.message).toContain("spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes");
    expect((await token("ghost")).status).toBe(404);
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("default"));
    await api.call("POST", "/api/v1/namespaces/default/pods", pod("p"));
    const other = await token("robot", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p" } });
    expect(other.status).toBe(400);
    expect(other.json.message).toBe('cannot bind token for serviceaccount "robot" to pod running with different serviceaccount name.');
    const wrongUid = await token("default", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p", uid: "nope" } });
    expect(wrongUid.status).toBe(409);
  });

  test("discovery lists it as TokenRequest in authentication.k8s.io/v1", async () => {
    const r = await api.call("GET", "/api/v1");
    expect(r.json.resources).toContainEqual(expect.objectContaining({ name: "serviceaccounts/token", kind: "TokenRequest", group: "authentication.k8s.io", version: "v1", verbs: ["create"] }));
  });
});

describe("service account tokens authenticate", () => {
  test("as the account while it exists; its deletion revokes them", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("robot"));
    const t = (await token("robot")).json.status.token;
    expect((await api.as(t, "GET", "/api/v1/namespaces/default/configmaps")).status).toBe(200);
    await api.call("DELETE", "/api/v1/namespaces/default/serviceaccounts/robot");
    expect((await api.as(t, "GET", "/api")).status).toBe(401);
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("robot"));
    expect((await api.as(t, "GET", "/api")).status).toBe(401); // same name, another uid
  });

  test("a SelfSubjectReview names the account and its groups (kubectl auth whoami)", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("robot"));
    const t = (await token("robot")).json.status.token;
    const review = await api.as(t, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    expect(review.status).toBe(201);
    expect(review.json.status.userInfo).toEqual({ username: "system:serviceaccount:default:robot", groups: ["system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated"] });
    expect((await api.call("GET", "/apis/authentication.k8s.io/v1/selfsubjectreviews")).status).toBe(405);
  });

  test("bound to a pod, until the pod is deleted", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("default"));
    const p = (await api.call("POST", "/api/v1/namespaces/default/pods", pod("p"))).json;
    const r = await token("default", { boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p", uid: p.metadata.uid } });
    expect(claimsOf(r.json.status.token)["kubernetes.io"].pod).toEqual({ name: "p", uid: p.metadata.uid });
    expect((await api.as(r.json.status.token, "GET", "/api")).status).toBe(200);
    await api.call("DELETE", "/api/v1/namespaces/default/pods/p?gracePeriodSeconds=0");
    expect((await api.as(r.json.status.token, "GET", "/api")).status).toBe(401);
  });

  test("not when meant for another audience, expired, or signed by another key", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("robot"));
    const other = (await token("robot", { audiences: ["vault"] })).json.status.token;
    expect((await api.as(other, "GET", "/api")).status).toBe(401);
    const foreign = await ServiceAccountTokens.fromPem(await privateKeyToPem((await generateKeyPair()).privateKey));
    const uid = (await api.call("GET", "/api/v1/namespaces/default/serviceaccounts/robot")).json.metadata.uid;
    const forged = await foreign.issue({ audiences: [foreign.issuer], expirationSeconds: 3600, claim: { namespace: "default", serviceaccount: { name: "robot", uid } } });
    expect((await api.as(forged.token, "GET", "/api")).status).toBe(401);
  });
});

describe("the pod's default token", () => {
  test("asked for 3607 s for the API, lives a year with warnafter at 3607 s; the answer still says 3607 s", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("default"));
    const p = (await api.call("POST", "/api/v1/namespaces/default/pods", pod("p"))).json;
    const ref = { kind: "Pod", apiVersion: "v1", name: "p", uid: p.metadata.uid };
    const r = await token("default", { expirationSeconds: 3607, boundObjectRef: ref });
    const c = claimsOf(r.json.status.token);
    expect(c.exp - c.iat).toBe(365 * 24 * 3600);
    expect(c["kubernetes.io"].warnafter).toBe(c.iat + 3607);
    expect(Date.parse(r.json.status.expirationTimestamp) / 1000).toBe(c.iat + 3607);
    const other = claimsOf((await token("default", { expirationSeconds: 3607, boundObjectRef: ref, audiences: ["vault"] })).json.status.token);
    expect(other.exp - other.iat).toBe(3607);
    const unbound = claimsOf((await token("default", { expirationSeconds: 3607 })).json.status.token);
    expect(unbound.exp - unbound.iat).toBe(3607);
  });
});

describe("ServiceAccountTokens", () => {
  test("verify names the rule a token breaks", async () => {
    let now = new Date("2026-01-01T00:00:00Z");
    const tokens = await ServiceAccountTokens.fromPem(await privateKeyToPem((await generateKeyPair()).privateKey), { now: () => now });
    const { token } = await tokens.issue({ audiences: [tokens.issuer], expirationSeconds: 600, claim: { namespace: "ns", serviceaccount: { name: "a", uid: "u" } } });
    expect(typeof (await tokens.verify(token))).toBe("object");
    expect(await tokens.verify(token, ["other"])).toBe("token audiences is invalid");
    const [h, c, s] = token.split(".");
    const tampered = JSON.parse(Buffer.from(c!, "base64url").toString());
    tampered.sub = "system:serviceaccount:ns:admin";
    expect(await tokens.verify(`${h}.${Buffer.from(JSON.stringify(tampered)).toString("base64url")}.${s}`)).toBe("invalid signature");
    now = new Date(now.getTime() + 601_000);
    expect(await tokens.verify(token)).toBe("token has expired");
  });
});

describe("ServiceAccount admission", () => {
  test("mounts the kube-api-access volume read-only in every container and init container", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("default"));
    const r = await api.call("POST", "/api/v1/namespaces/default/pods", pod("p", { initContainers: [{ name: "i", image: "busybox" }] }));
    expect(r.status).toBe(201);
    const spec = r.json.spec;
    expect(spec.serviceAccountName).toBe("default");
    const vol = spec.volumes.find((v: { name: string }) => v.name.startsWith("kube-api-access-"));
    expect(vol.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(vol.projected).toEqual({
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
        { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
        { downwardAPI: { items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }] } },
      ],
    });
    for (const c of [...spec.initContainers, ...spec.containers]) {
      expect(c.volumeMounts).toEqual([{ name: vol.name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }]);
    }
  });

  test("mounts nothing when the pod or its account says automountServiceAccountToken: false; the pod's word wins", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("default"));
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("quiet", { automountServiceAccountToken: false, imagePullSecrets: [{ name: "regcred" }] }));
    const off = (await api.call("POST", "/api/v1/namespaces/default/pods", pod("a", { automountServiceAccountToken: false }))).json.spec;
    expect(off.volumes).toBeUndefined();
    expect(off.containers[0].volumeMounts).toBeUndefined();
    const quiet = (await api.call("POST", "/api/v1/namespaces/default/pods", pod("b", { serviceAccountName: "quiet" }))).json.spec;
    expect(quiet.volumes).toBeUndefined();
    expect(quiet.imagePullSecrets).toEqual([{ name: "regcred" }]);
    const on = (await api.call("POST", "/api/v1/namespaces/default/pods", pod("c", { serviceAccountName: "quiet", automountServiceAccountToken: true }))).json.spec;
    expect(on.volumes).toHaveLength(1);
  });

  test("leaves a container that already mounts something at the token path alone", async () => {
    await api.call("POST", "/api/v1/namespaces/default/serviceaccounts", sa("default"));
    const mine = { name: "mine", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" };
    const r = await api.call("POST", "/api/v1/namespaces/default/pods", pod("p", { volumes: [{ name: "mine", emptyDir: {} }], containers: [{ name: "c", image: "busybox", volumeMounts: [mine] }] }));
    expect(r.json.spec.volumes).toEqual([{ name: "mine", emptyDir: {} }]);
    expect(r.json.spec.containers[0].volumeMounts).toEqual([mine]);
  });

  test("refuses a pod whose service account does not exist, with upstream's message", async () => {
    const r = await api.call("POST", "/api/v1/namespaces/default/pods", pod("p", { serviceAccountName: "ghost" }));
    expect(r.status).toBe(403);
    expect(r.json.message).toBe('pods "p" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found');
  });
});

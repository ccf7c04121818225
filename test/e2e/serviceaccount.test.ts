// Service account tokens end to end: `kubun server` with its local agent, the real kubectl.
// `kubectl create token` gives a token the API accepts as the service account until the account
// is deleted; every namespace has kube-root-ca.crt; a runc pod gets the projected
// kube-api-access volume (token, ca.crt, namespace) and the token read inside it authenticates
// as system:serviceaccount:default:default, bound to that pod. Needs root, runc and the registry
// fixture's tools (docker-registry, skopeo, umoci, busybox-static); fails naming what is missing.
// `kubectl auth whoami` (SelfSubjectReview, authentication.k8s.io/v1: kubectl 1.28 and later)
// shows who the server takes a token's bearer for.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { waitFor } from "./harness.ts";

const MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
const API_AUDIENCE = "https://kubernetes.default.svc.cluster.local";

let registry: RegistryFixture;
let c: LocalNode;

beforeAll(async () => {
  registry = await startRegistry();
  c = await startLocalNode();
}, 180_000);

afterAll(async () => {
  await stopLocalNode(c);
  await registry?.dispose();
}, 60_000);

/** GET `path` as the bearer of `token`: the status code. */
const statusAs = async (token: string, path: string) => (await c.fetch(path, { headers: { authorization: `Bearer ${token}` } })).status;
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());

describe("kubectl create token", () => {
  test("gives a token of the default account that the API accepts, with the asked duration and audience", async () => {
    await waitFor("the default ServiceAccount", async () => ((await c.kubectl(["get", "sa", "default"])).code === 0 ? true : undefined));
    for (const version of ["1.27", "1.33"]) {
      const token = (await c.k(["create", "token", "default"], { version })).trim();
      const claims = claimsOf(token);
      expect(claims.sub).toBe("system:serviceaccount:default:default");
      expect(claims.aud).toEqual([API_AUDIENCE]);
      expect(claims.exp - claims.iat).toBe(3600);
      expect(await statusAs(token, "/api")).toBe(200);
      expect(await statusAs(token, "/api/v1/namespaces/default/configmaps")).toBe(200);
    }
    const long = claimsOf((await c.k(["create", "token", "default", "--duration=20m", `--audience=${API_AUDIENCE}`, "--audience=vault"])).trim());
    expect(long.exp - long.iat).toBe(1200);
    expect(long.aud).toEqual([API_AUDIENCE, "vault"]);
    const vaultOnly = (await c.k(["create", "token", "default", "--audience=vault"])).trim();
    expect(await statusAs(vaultOnly, "/api")).toBe(401); // meant for someone else
  });

  test("refuses a duration under 10 minutes and an account that does not exist", async () => {
    const short = await c.kubectl(["create", "token", "default", "--duration=5m"]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes");
    const ghost = await c.kubectl(["create", "token", "ghost"]);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toContain('serviceaccounts "ghost" not found');
  });

  test("a token stops working (401) once its ServiceAccount is deleted", async () => {
    await c.k(["create", "serviceaccount", "robot"]);
    const token = (await c.k(["create", "token", "robot"])).trim();
    expect(claimsOf(token).sub).toBe("system:serviceaccount:default:robot");
    expect(await statusAs(token, "/api/v1/namespaces/default/pods")).toBe(200);
    await c.k(["delete", "serviceaccount", "robot"]);
    expect(await statusAs(token, "/api/v1/namespaces/default/pods")).toBe(401);
  });
});

test("every namespace has kube-root-ca.crt holding the server CA", async () => {
  await c.k(["create", "namespace", "team"]);
  for (const ns of ["default", "kube-system", "team"]) {
    const ca = await waitFor(`kube-root-ca.crt in ${ns}`, async () => {
      const r = await c.kubectl(["get", "configmap", "kube-root-ca.crt", "-n", ns, "-o", "jsonpath={.data.ca\\.crt}"]);
      return r.code === 0 && r.stdout ? r.stdout : undefined;
    });
    expect(ca.trim()).toBe(c.caPem.trim());
  }
});

test("a runc pod mounts token, ca.crt and namespace; its token authenticates as the default account until the pod is deleted", async () => {
  await c.k(["run", "sa-pod", `--image=${registry.host}/busybox:latest`, "--command", "--", "sleep", "3600"]);
  const ready = await c.kubectl(["wait", "--for=condition=Ready", "pod/sa-pod", "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod sa-pod not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", "sa-pod"])).stdout}\nserver output:\n${c.logs()}`);

  const volume = JSON.parse(await c.k(["get", "pod", "sa-pod", "-o", "jsonpath={.spec.volumes[0]}"]));
  expect(volume.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
  expect(await c.k(["get", "pod", "sa-pod", "-o", "jsonpath={.spec.containers[0].volumeMounts[0].mountPath}"])).toBe(MOUNT);

  expect((await c.k(["exec", "sa-pod", "--", "ls", MOUNT])).split("\n").filter(Boolean)).toEqual(["ca.crt", "namespace", "token"]);
  expect(await c.k(["exec", "sa-pod", "--", "cat", `${MOUNT}/namespace`])).toBe("default");
  expect((await c.k(["exec", "sa-pod", "--", "cat", `${MOUNT}/ca.crt`])).trim()).toBe(c.caPem.trim());
  const write = await c.kubectl(["exec", "sa-pod", "--", "sh", "-c", `echo x > ${MOUNT}/token`]);
  expect(write.code).not.toBe(0); // mounted read-only

  const token = await c.k(["exec", "sa-pod", "--", "cat", `${MOUNT}/token`]);
  const claims = claimsOf(token);
  const uid = await c.k(["get", "pod", "sa-pod", "-o", "jsonpath={.metadata.uid}"]);
  expect(claims.sub).toBe("system:serviceaccount:default:default");
  // Upstream's extended default token: valid a year, stale (warnafter) after 3607 s.
  expect(claims.exp - claims.iat).toBe(365 * 24 * 3600);
  expect(claims["kubernetes.io"].warnafter).toBe(claims.iat + 3607);
  expect(claims["kubernetes.io"].pod).toEqual({ name: "sa-pod", uid });
  expect(claims["kubernetes.io"].node.name).toBe(await c.k(["get", "pod", "sa-pod", "-o", "jsonpath={.spec.nodeName}"]));
  expect(await statusAs(token, "/api/v1/namespaces/default/pods/sa-pod")).toBe(200);
  expect((await c.kubectl(["--token", token, "get", "pod", "sa-pod", "-o", "name"])).stdout).toBe("pod/sa-pod\n");
  for (const version of ["1.28", "1.33"]) {
    const whoami = await c.k(["--token", token, "auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}"], { version });
    expect(whoami).toBe('system:serviceaccount:default:default ["system:serviceaccounts","system:serviceaccounts:default","system:authenticated"]');
  }
  expect(await c.k(["auth", "whoami"])).toMatch(/Username\s+system:admin/);

  await c.k(["delete", "pod", "sa-pod", "--grace-period=1", "--timeout=60s"]);
  expect(await statusAs(token, "/api")).toBe(401);
}, 180_000);

test("a pod with automountServiceAccountToken: false gets no token volume", async () => {
  const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "quiet" }, spec: { automountServiceAccountToken: false, containers: [{ name: "c", image: `${registry.host}/busybox:latest`, command: ["sleep", "3600"] }] } };
  await c.k(["create", "-f", "-"], { stdin: JSON.stringify(pod) });
  expect(await c.k(["get", "pod", "quiet", "-o", "jsonpath={.spec.volumes}"])).toBe("");
  await c.k(["delete", "pod", "quiet", "--grace-period=0", "--force", "--wait=false"]).catch(() => {});
});

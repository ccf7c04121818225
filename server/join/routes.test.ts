import { afterEach, describe, expect, test } from "bun:test";
import { signNodeAssertion } from "../../shared/pki/assertion.ts";
import { verifyClientCertificate } from "../../shared/pki/client.ts";
import { caHashOf } from "../../shared/pki/join-token.ts";
import { generateKeyPair, privateKeyFromPem, privateKeyToPem } from "../../shared/pki/keys.ts";
import { EC_ALGORITHM, x509 } from "../../shared/pki/x509.ts";
import { FailureLimiter } from "./rate-limit.ts";
import { TEST_JOIN_SECRET, TEST_SERVER, testJoinServer } from "./testing.ts";

type Server = Awaited<ReturnType<typeof testJoinServer>>;
let s: Server;
afterEach(() => s?.close());

async function csr(cn = "whatever") {
  const keys = await generateKeyPair();
  const req = await x509.Pkcs10CertificateRequestGenerator.create({ name: [{ CN: [cn] }], keys, signingAlgorithm: EC_ALGORITHM });
  return { csrPem: req.toString("pem"), keyPem: await privateKeyToPem(keys.privateKey) };
}

const basic = (secret: string) => `Basic ${Buffer.from(`node:${secret}`).toString("base64")}`;

async function ask(auth: string | undefined, body: unknown, contentType = "application/json") {
  const headers: Record<string, string> = { "content-type": contentType };
  if (auth) headers.authorization = auth;
  const res = await s.fetch(new Request(`${TEST_SERVER}/v1-kubun/node-credential`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }));
  return { status: res.status, headers: res.headers, json: (await res.json()) as any };
}

async function join(name: string, password = "pw-1", auth = basic(TEST_JOIN_SECRET)) {
  const r = await csr();
  return { ...(await ask(auth, { nodeName: name, csr: r.csrPem, nodePassword: password })), keyPem: r.keyPem };
}

const secretPath = (name: string) => `/api/v1/namespaces/kube-system/secrets/${name}`;

describe("GET /cacerts", () => {
  test("serves the server CA PEM byte for byte without authentication", async () => {
    s = await testJoinServer();
    const res = await s.fetch(new Request(`${TEST_SERVER}/cacerts`));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toBe(s.serverCa.certPem);
    expect(caHashOf(text)).toBe(s.joinToken.slice(3, 67));
  });
});

describe("POST /v1-kubun/node-credential", () => {
  test("the join secret buys a client certificate CN=system:node:<name>, O=system:nodes from the client CA", async () => {
    s = await testJoinServer();
    const r = await join("edge-1");
    expect(r.status).toBe(200);
    expect(await verifyClientCertificate(r.json.certificate, s.clientCa.certPem)).toEqual({ user: "system:node:edge-1", groups: ["system:nodes"] });
    expect(r.json.clientCA).toBe(s.clientCa.certPem);
    expect(r.json.serverCA).toBe(s.serverCa.certPem);
    const cert = new x509.X509Certificate(r.json.certificate);
    expect(cert.notAfter.getTime() - Date.now()).toBeGreaterThan(364 * 24 * 3600 * 1000);
  });

  test("the full K10 token works as a bearer token; one pinning another CA does not", async () => {
    s = await testJoinServer();
    expect((await join("a", "pw", `Bearer ${s.joinToken}`)).status).toBe(200);
    const other = `K10${"0".repeat(64)}::server:${TEST_JOIN_SECRET}`;
    expect((await join("b", "pw", `Bearer ${other}`)).status).toBe(401);
  });

  test("no credentials or a wrong secret is 401 and issues nothing", async () => {
    s = await testJoinServer();
    expect((await join("a", "pw", "")).status).toBe(401);
    const wrong = await join("a", "pw", basic("nope"));
    expect(wrong.status).toBe(401);
    expect(wrong.json.reason).toBe("Unauthorized");
    expect((await s.admin("GET", secretPath("a.node-password.kubun"))).status).toBe(404);
  });

  test("bad bodies are 400 or 415 Status errors that store no node password", async () => {
    s = await testJoinServer();
    const auth = basic(TEST_JOIN_SECRET);
    const { csrPem } = await csr();
    const cases: [unknown, number, string][] = [
      ["{not json", 400, "not valid JSON"],
      [[1], 400, "must be a JSON object"],
      [{ csr: csrPem, nodePassword: "p" }, 400, "nodeName must be a non-empty string"],
      [{ nodeName: "Bad_Name", csr: csrPem, nodePassword: "p" }, 400, "lowercase DNS subdomain"],
      [{ nodeName: "n", csr: "hello", nodePassword: "p" }, 400, "csr must be a PEM certificate request"],
      [{ nodeName: "n", csr: csrPem.replace(/[A-Za-z]{8}\n/, "AAAAAAAA\n"), nodePassword: "p" }, 400, "csr is not a valid certificate request"],
      [{ nodeName: "n", csr: csrPem }, 400, "nodePassword must be a non-empty string"],
    ];
    for (const [body, code, message] of cases) {
      const r = await ask(auth, body);
      expect({ body, code: r.status, message: r.json.message }).toEqual({ body, code, message: expect.stringContaining(message) });
    }
    expect((await ask(auth, "x", "text/plain")).status).toBe(415);
    expect((await s.admin("GET", secretPath("n.node-password.kubun"))).status).toBe(404);
  });

  test("the first join stores a salted hash of the node password in a kubun.io/node-password Secret", async () => {
    s = await testJoinServer();
    await join("edge-1", "secret-pw");
    const secret = (await (await s.admin("GET", secretPath("edge-1.node-password.kubun"))).json()) as any;
    expect(secret.type).toBe("kubun.io/node-password");
    const hash = Buffer.from(secret.data.hash, "base64").toString();
    expect(hash).toStartWith("scrypt$");
    expect(hash).not.toContain("secret-pw");
  });

  test("another password for a name whose Node exists is 403; after the Node is deleted it is accepted", async () => {
    s = await testJoinServer();
    expect((await join("edge-1", "first")).status).toBe(200);
    expect((await join("edge-1", "first")).status).toBe(200);
    await s.admin("POST", "/api/v1/nodes", { apiVersion: "v1", kind: "Node", metadata: { name: "edge-1" } });
    const taken = await join("edge-1", "second");
    expect(taken.status).toBe(403);
    expect(taken.json.message).toContain("node password does not match");
    await s.admin("DELETE", "/api/v1/nodes/edge-1");
    expect((await join("edge-1", "second")).status).toBe(200);
    expect((await join("edge-1", "first")).status).toBe(200); // no Node yet: the name is free again
  });

  test("repeated failures from one address are answered 429 with Retry-After", async () => {
    let t = 0;
    s = await testJoinServer({ limiter: new FailureLimiter({ burst: 3, refillMs: 10_000, now: () => t }) });
    for (let i = 0; i < 3; i++) expect((await join("a", "pw", basic("bad"))).status).toBe(401);
    const limited = await join("a", "pw", basic(TEST_JOIN_SECRET));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("10");
    t += 10_000;
    expect((await join("a", "pw", basic(TEST_JOIN_SECRET))).status).toBe(200);
  });
});

describe("the issued certificate on the API", () => {
  test("an assertion signed with the node key authenticates as the node", async () => {
    s = await testJoinServer();
    const r = await join("edge-1");
    const { token } = await signNodeAssertion({ certPem: r.json.certificate, key: await privateKeyFromPem(r.keyPem) });
    const get = (t: string) => s.fetch(new Request(`${TEST_SERVER}/api/v1/namespaces/default/pods`, { headers: { authorization: `Bearer ${t}` } }));
    expect((await get(token)).status).toBe(200);
    expect((await get(token)).status).toBe(200);
    const forged = await signNodeAssertion({ certPem: r.json.certificate, key: (await generateKeyPair()).privateKey });
    expect((await get(forged.token)).status).toBe(401);
    expect((await get("not-a-token")).status).toBe(401);
  });
});

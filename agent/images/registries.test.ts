import { describe, expect, test } from "bun:test";
import { parseReference } from "./reference.ts";
import { endpointsFor, parseRegistries } from "./registries.ts";

const YAML = `
mirrors:
  docker.io:
    endpoint:
      - "http://127.0.0.1:5000"
      - "mirror.example.com:5443/custom/v2"
    rewrite:
      "^library/(.*)": "mirror/$1"
  "*":
    endpoint: ["https://catch-all.example.com"]
configs:
  "127.0.0.1:5000":
    auth:
      username: kubun
      password: s3cret
  "https://mirror.example.com:5443":
    auth:
      auth: ${btoa("bob:pw:with:colons")}
    tls:
      insecure_skip_verify: true
      ca_file: /etc/ca.pem
  "*":
    auth:
      identitytoken: refresh-me
`;

describe("registries.yaml", () => {
  const config = parseRegistries(YAML);

  test("mirror endpoints come first, rewritten; the default endpoint last, not rewritten", () => {
    const eps = endpointsFor(config, parseReference("busybox"));
    expect(eps.map((e) => [e.base, e.path, e.mirror])).toEqual([
      ["http://127.0.0.1:5000/v2", "mirror/busybox", true],
      ["https://mirror.example.com:5443/custom/v2", "mirror/busybox", true],
      ["https://registry-1.docker.io/v2", "library/busybox", false],
    ]);
    expect(eps[0]!.config.auth).toMatchObject({ username: "kubun", password: "s3cret" });
    expect(eps[1]!.config.auth).toMatchObject({ username: "bob", password: "pw:with:colons" });
    expect(eps[1]!.config.tls).toEqual({ insecureSkipVerify: true, caFile: "/etc/ca.pem", certFile: undefined, keyFile: undefined });
    expect(eps[2]!.config.auth).toMatchObject({ identityToken: "refresh-me" });
  });

  test("a registry without its own mirror uses the * mirror; its default endpoint is HTTPS unless on loopback", () => {
    expect(endpointsFor(config, parseReference("quay.io/a/b")).map((e) => e.base)).toEqual(["https://catch-all.example.com/v2", "https://quay.io/v2"]);
    const none = parseRegistries("");
    expect(endpointsFor(none, parseReference("127.0.0.1:5000/busybox")).map((e) => e.base)).toEqual(["http://127.0.0.1:5000/v2"]);
    expect(endpointsFor(none, parseReference("localhost:5000/busybox")).map((e) => e.base)).toEqual(["http://localhost:5000/v2"]);
    expect(endpointsFor(none, parseReference("10.1.2.3:5000/busybox")).map((e) => e.base)).toEqual(["https://10.1.2.3:5000/v2"]);
  });

  test("the default endpoint of a mirrored registry can be left out, as with --disable-default-registry-endpoint", () => {
    expect(endpointsFor(config, parseReference("busybox"), { disableDefault: true })).toHaveLength(2);
    // Only registries with a mirror entry lose their default endpoint.
    expect(endpointsFor(parseRegistries(""), parseReference("127.0.0.1:5000/x"), { disableDefault: true })).toHaveLength(1);
  });

  test("the parsed config is frozen", () => {
    expect(Object.isFrozen(config) && Object.isFrozen(config.mirrors["docker.io"]) && Object.isFrozen(config.configs["127.0.0.1:5000"]!.auth)).toBe(true);
  });

  test.each([
    ["mirrors: [1]", "mirrors: expected a mapping"],
    ["mirrors: {docker.io: {endpoint: http://x}}", 'mirrors["docker.io"].endpoint: expected a list of URLs'],
    ["mirrors: {docker.io: {endpoint: ['ftp://x']}}", 'mirrors["docker.io"].endpoint[0]: "ftp://x" must use http or https'],
    ["mirrors: {docker.io: {endpoint: [], rewrite: {'(': x}}}", 'mirrors["docker.io"].rewrite: "(" is not a valid regular expression'],
    ["configs: {r: {tls: {insecure_skip_verify: 'yes'}}}", 'configs["r"].tls.insecure_skip_verify: expected true or false, got "yes"'],
    ["configs: {r: {auth: {username: 3}}}", 'configs["r"].auth.username: expected a string, got 3'],
  ])("%s is refused naming the field", (text, message) => {
    expect(() => parseRegistries(text, "/etc/kubun/registries.yaml")).toThrow(`/etc/kubun/registries.yaml: ${message}`);
  });
});

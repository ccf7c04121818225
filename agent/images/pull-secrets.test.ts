import { describe, expect, test } from "bun:test";
import { credentialsFor } from "./pull-secrets.ts";

describe("imagePullSecrets credentials", () => {
  test("Docker Hub keys match docker.io in any of their spellings", () => {
    const secret = { auths: { "https://index.docker.io/v1/": { username: "hub", password: "pw" } } };
    expect(credentialsFor([secret], "docker.io")).toMatchObject({ username: "hub", password: "pw" });
  });

  test("host:port keys, URL keys and base64 auth", () => {
    const secret = { auths: { "http://127.0.0.1:5000/v2/": { auth: btoa("u:p:q") } } };
    expect(credentialsFor([secret], "127.0.0.1:5000")).toMatchObject({ username: "u", password: "p:q" });
    expect(credentialsFor([secret], "127.0.0.1:5001")).toBeUndefined();
  });

  test("a *.domain key matches one label, the legacy dockercfg map works, the first match wins", () => {
    const wildcard = { auths: { "*.example.com": { username: "w", password: "1" } } };
    const legacy = { "registry.example.com": { username: "l", password: "2" } };
    expect(credentialsFor([legacy, wildcard], "registry.example.com")).toMatchObject({ username: "l" });
    expect(credentialsFor([wildcard], "a.example.com")).toMatchObject({ username: "w" });
    expect(credentialsFor([wildcard], "a.b.example.com")).toBeUndefined();
    expect(credentialsFor(undefined, "docker.io")).toBeUndefined();
  });
});

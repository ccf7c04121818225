import { describe, expect, test } from "bun:test";
import { ImageError } from "./errors.ts";
import { isLoopbackHost, parseReference } from "./reference.ts";

const D = "sha256:" + "a".repeat(64);

describe("image references", () => {
  test.each([
    ["busybox", "docker.io", "library/busybox", "docker.io/library/busybox:latest"],
    ["busybox:1.36", "docker.io", "library/busybox", "docker.io/library/busybox:1.36"],
    ["library/busybox", "docker.io", "library/busybox", "docker.io/library/busybox:latest"],
    ["rancher/pause:3.6", "docker.io", "rancher/pause", "docker.io/rancher/pause:3.6"],
    ["docker.io/library/nginx@" + D, "docker.io", "library/nginx", `docker.io/library/nginx@${D}`],
    ["index.docker.io/nginx:1", "docker.io", "library/nginx", "docker.io/library/nginx:1"],
    ["nginx:1.25@" + D, "docker.io", "library/nginx", `docker.io/library/nginx:1.25@${D}`],
    ["127.0.0.1:5000/busybox:latest", "127.0.0.1:5000", "busybox", "127.0.0.1:5000/busybox:latest"],
    ["localhost/busybox", "localhost", "busybox", "localhost/busybox:latest"],
    ["[::1]:5000/team/app:v1", "[::1]:5000", "team/app", "[::1]:5000/team/app:v1"],
    ["ghcr.io/a/b/c", "ghcr.io", "a/b/c", "ghcr.io/a/b/c:latest"],
    ["Registry/app", "Registry", "app", "Registry/app:latest"],
  ])("%s normalizes to %s/%s", (ref, domain, path, canonical) => {
    const r = parseReference(ref);
    expect(r.domain).toBe(domain);
    expect(r.path).toBe(path);
    expect(r.canonical).toBe(canonical);
    expect(r.name).toBe(`${domain}/${path}`);
  });

  test("a digest reference has no default tag", () => {
    expect(parseReference(`busybox@${D}`)).toMatchObject({ tag: undefined, digest: D });
  });

  test.each(["", "Busybox", "busybox:", "busybox:-x", "busybox@sha256:abc", "a//b", " busybox", "busybox@md5:" + "a".repeat(32)])(
    "%p is an InvalidImageName",
    (ref) => {
      let err: unknown;
      try {
        parseReference(ref);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ImageError);
      expect((err as ImageError).reason).toBe("InvalidImageName");
      expect((err as ImageError).message).toContain(`couldn't parse image name "${ref}"`);
    },
  );

  test("loopback hosts are 127.0.0.0/8, localhost and ::1, with or without a port", () => {
    for (const h of ["127.0.0.1", "127.3.2.1:5000", "localhost:80", "[::1]:5000", "::1"]) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ["10.0.0.1:5000", "docker.io", "128.0.0.1", "localhost.example.com"]) expect(isLoopbackHost(h)).toBe(false);
  });
});

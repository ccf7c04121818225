import { expect, test } from "bun:test";
import { missingPrerequisites } from "./runc.ts";

test("the runc phase names root and every missing tool's Debian package", () => {
  const why = missingPrerequisites(false, (cmd) => (cmd === "skopeo" || cmd === "busybox" ? null : `/usr/bin/${cmd}`));
  expect(why).toBe("the runc phase needs real containers: it must run as root (runc, mounts, cgroups, a network namespace); install the Debian packages skopeo, busybox-static (missing: skopeo, busybox)");
});

test("nothing is missing when root has every tool", () => {
  expect(missingPrerequisites(true, (cmd) => `/usr/bin/${cmd}`)).toBeUndefined();
});

// Container logs and `kubectl cp` against real pods: `kubun server` with its local agent (runc,
// busybox from the loopback registry fixture), driven by the real kubectl. Logs: plain, -f
// (new lines while it runs, ends with the container), --previous after a restart, --tail,
// --timestamps, --since, and rotation with a small --container-log-max-size. cp: a file and a
// directory into and out of a pod (tar over exec), with kubectl 1.33 and 1.30. Needs root,
// runc, docker-registry, skopeo, umoci and busybox-static; fails (never skips) naming what is
// missing. Run it in a network namespace of its own (see the e2e README).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../fixtures/process.ts";
import { startLocalNode, stopLocalNode, type LocalNode } from "./local-node.ts";
import { startRegistry, type RegistryFixture } from "../fixtures/registry.ts";
import { waitFor } from "./harness.ts";

let registry: RegistryFixture;
let c: LocalNode;
let image: string;
let work: string;

beforeAll(async () => {
  registry = await startRegistry();
  image = `${registry.host}/busybox:latest`;
  work = mkdtempSync(join(tmpdir(), "kubun-logs-"));
  c = await startLocalNode(["--container-log-max-size", "4Ki", "--container-log-max-files", "3"]);
}, 180_000);

afterAll(async () => {
  await stopLocalNode(c);
  await registry?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

async function runPod(name: string, script: string, extra: string[] = []): Promise<void> {
  await c.k(["run", name, `--image=${image}`, ...extra, "--command", "--", "sh", "-c", script]);
}

async function waitReady(name: string): Promise<void> {
  const ready = await c.kubectl(["wait", "--for=condition=Ready", `pod/${name}`, "--timeout=90s"]);
  if (ready.code !== 0) throw new Error(`pod ${name} not Ready: ${ready.stderr}\n${(await c.kubectl(["describe", "pod", name])).stdout}\nserver output:\n${c.logs()}`);
}

test("kubectl cp copies a file and a directory into a pod and back out, with kubectl 1.33 and 1.30", async () => {
  // The fixture's busybox links a few applets only; tar (what kubectl cp runs) and md5sum are in the binary.
  await runPod("cp", "ln -s /bin/busybox /bin/tar && ln -s /bin/busybox /bin/md5sum && sleep 3600");
  await waitReady("cp");
  // ~5 MB of bytes of every value, and a directory with nested files.
  const big = new Uint8Array(5 * 1024 * 1024 + 123);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919 + (i >> 11)) & 0xff;
  writeFileSync(join(work, "big.bin"), big);
  mkdirSync(join(work, "dir/sub"), { recursive: true });
  writeFileSync(join(work, "dir/a.txt"), "alpha\n");
  writeFileSync(join(work, "dir/sub/b.txt"), "beta\n");

  for (const version of ["1.33", "1.30"]) {
    const v = version.replace(".", "");
    await c.k(["cp", join(work, "big.bin"), `cp:/tmp/big-${v}.bin`], { version });
    const sum = await c.k(["exec", "cp", "--", "md5sum", `/tmp/big-${v}.bin`], { version });
    expect(sum.split(" ")[0]).toBe(new Bun.CryptoHasher("md5").update(big).digest("hex"));
    await c.k(["cp", `cp:/tmp/big-${v}.bin`, join(work, `back-${v}.bin`)], { version });
    expect(Buffer.compare(readFileSync(join(work, `back-${v}.bin`)), Buffer.from(big))).toBe(0);

    await c.k(["cp", join(work, "dir"), `cp:/tmp/dir-${v}`], { version });
    expect(await c.k(["exec", "cp", "--", "cat", `/tmp/dir-${v}/a.txt`, `/tmp/dir-${v}/sub/b.txt`], { version })).toBe("alpha\nbeta\n");
    await c.k(["cp", `cp:/tmp/dir-${v}`, join(work, `dirback-${v}`)], { version });
    expect(readFileSync(join(work, `dirback-${v}/sub/b.txt`), "utf8")).toBe("beta\n");
    expect(readFileSync(join(work, `dirback-${v}/a.txt`), "utf8")).toBe("alpha\n");
  }
}, 180_000);

/** Runs kubectl in the background, its output collected as it comes. */
function spawnKubectl(args: string[]) {
  const p = Bun.spawn(["kubectl", "--kubeconfig", c.kubeconfig, ...args], { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "", HOME: c.dir } });
  const out = { text: "", stderr: "" };
  const collect = async (s: ReadableStream<Uint8Array>, key: "text" | "stderr") => {
    for await (const chunk of s as unknown as AsyncIterable<Uint8Array>) out[key] += new TextDecoder().decode(chunk);
  };
  const done = Promise.all([collect(p.stdout, "text"), collect(p.stderr, "stderr")]).then(() => p.exited);
  return { out, done, kill: () => p.kill() };
}

test("logs, logs -f (lines written after it started; it ends with the container), --tail, --timestamps and --since", async () => {
  const before = Date.now() - 1000;
  // The container waits for /tmp/go (made by exec once `logs -f` runs), prints two more lines and exits.
  await runPod("lines", "for i in 1 2 3 4 5; do echo line $i; done; while [ ! -e /tmp/go ]; do sleep 0.1; done; echo later 1; echo later 2", ["--restart=Never"]);
  await waitReady("lines");
  await waitFor("the five first lines in kubectl logs", async () => ((await c.kubectl(["logs", "lines"])).stdout === "line 1\nline 2\nline 3\nline 4\nline 5\n" ? true : undefined));
  expect(await c.k(["logs", "lines", "--tail=2"])).toBe("line 4\nline 5\n");
  expect(await c.k(["logs", "lines", "--tail=0"])).toBe("");
  expect(await c.k(["logs", "lines", "--limit-bytes=10"])).toBe("line 1\nlin");

  const stamped = (await c.k(["logs", "lines", "--timestamps", "--tail=3"])).split("\n").filter(Boolean);
  expect(stamped).toHaveLength(3);
  for (const [i, l] of stamped.entries()) {
    const [time, ...rest] = l.split(" ");
    expect(rest.join(" ")).toBe(`line ${i + 3}`);
    expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const t = Date.parse(time!);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  }
  // The lines were written once; --since keeps them while they are recent, then leaves them out.
  expect(await c.k(["logs", "lines", "--since=1h"])).toBe("line 1\nline 2\nline 3\nline 4\nline 5\n");
  expect(await c.k(["logs", "lines", `--since-time=${new Date(Date.now() + 3_600_000).toISOString()}`])).toBe("");
  await waitFor("--since=1s to leave out lines written earlier", async () => ((await c.k(["logs", "lines", "--since=1s"])) === "" ? true : undefined));

  const follow = spawnKubectl(["logs", "-f", "lines"]);
  await waitFor("logs -f to print the lines so far", () => (follow.out.text === "line 1\nline 2\nline 3\nline 4\nline 5\n" ? true : undefined));
  await c.k(["exec", "lines", "--", "touch", "/tmp/go"]);
  const code = await follow.done;
  expect({ code, stdout: follow.out.text, stderr: follow.out.stderr }).toEqual({ code: 0, stdout: "line 1\nline 2\nline 3\nline 4\nline 5\nlater 1\nlater 2\n", stderr: "" });
}, 120_000);

test("logs --previous shows the run before a restart; logs shows the current one", async () => {
  // Each run prints its number, kept in an emptyDir; run 0 exits 1, run 1 stays (restartPolicy Always).
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "again" },
    spec: {
      restartPolicy: "Always",
      volumes: [{ name: "state", emptyDir: {} }],
      containers: [{
        name: "c",
        image,
        volumeMounts: [{ name: "state", mountPath: "/state" }],
        command: ["sh", "-c", 'n=$(cat /state/n 2>/dev/null || echo 0); echo "run $n"; echo $((n+1)) > /state/n; [ "$n" = 0 ] && exit 1; exec sleep 3600'],
      }],
    },
  };
  await c.k(["apply", "-f", "-"], { stdin: JSON.stringify(pod) });
  // A container that never restarted has no previous run to show (asked of a pod that cannot
  // have restarted yet: "again" may crash before kubectl asks).
  await runPod("once", "exec sleep 3600");
  await waitReady("once");
  const previous = await c.kubectl(["logs", "once", "--previous"]);
  expect(previous.code).toBe(1);
  expect(previous.stderr).toContain("previous terminated container");
  await waitFor("the pod restarted once and runs", async () => {
    const r = await c.kubectl(["get", "pod", "again", "-o", "jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].state.running.startedAt}"]);
    return /^1 \S+/.test(r.stdout) ? true : undefined;
  }, 90_000);
  await waitFor("logs to show run 1", async () => ((await c.kubectl(["logs", "again"])).stdout === "run 1\n" ? true : undefined));
  expect(await c.k(["logs", "again", "--previous"])).toBe("run 0\n");
  expect(await c.k(["logs", "again", "-p", "--timestamps"])).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z run 0\n$/);
}, 120_000);

test("a log past --container-log-max-size is rotated: kubectl logs reads the parts in order, old parts go, -f goes on across rotations", async () => {
  // ~100-byte numbered lines, 50 a second: several rotations at 4Ki within a few checks (every 10 s).
  await runPod("chatty", 'i=0; while true; do i=$((i+1)); echo "line $i ........................................................................................"; sleep 0.02; done');
  await waitReady("chatty");
  const uid = await c.k(["get", "pod", "chatty", "-o", "jsonpath={.metadata.uid}"]);
  const dir = join(c.dir, "data/agent/pods", uid, "logs/chatty");
  const files = () => new Bun.Glob("*").scanSync(dir);
  // Rotated parts are named by the offset of the log they end at.
  const parts = () => [...files()].filter((n) => /^0\.log\.\d+$/.test(n)).map((n) => Number(n.split(".")[2])).sort((a, b) => a - b);
  const numbers = (text: string) => text.split("\n").filter(Boolean).map((l) => Number(/^line (\d+) /.exec(l)?.[1]));
  const consecutive = (ns: number[]) => ns.every((n, i) => i === 0 || n === ns[i - 1]! + 1);

  await waitFor("a first rotation", () => (parts().length >= 1 ? true : undefined), 60_000);
  const follow = spawnKubectl(["logs", "-f", "chatty", "--tail=1"]);
  const seen = parts().at(-1);
  await waitFor("two more rotations while logs -f runs", () => (parts().filter((p) => p > seen!).length >= 2 ? true : undefined), 60_000);
  await waitFor("logs -f to have printed past the rotations", () => (numbers(follow.out.text).length > 600 ? true : undefined), 60_000);
  follow.kill();
  await follow.done;
  const followed = numbers(follow.out.text);
  expect(consecutive(followed)).toBe(true);

  // At most three files for the run (the current one and two parts); the first lines are gone.
  expect([...files()].length).toBeLessThanOrEqual(3);
  const all = numbers(await c.k(["logs", "chatty"]));
  expect(all[0]).toBeGreaterThan(1);
  expect(consecutive(all)).toBe(true);
  const tail = numbers(await c.k(["logs", "chatty", "--tail=300"]));
  expect(tail).toHaveLength(300);
  expect(consecutive(tail)).toBe(true);
}, 180_000);

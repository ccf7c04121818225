import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { RuncStreamProvider } from "./streams.ts";
import { runcHarness, shPod, SLEEP_FOREVER, waitUntil, type RuncHarness } from "./testing.ts";

let h: RuncHarness;
let streams: RuncStreamProvider;
beforeEach(async () => {
  h = await runcHarness();
  streams = new RuncStreamProvider(h.runtime);
});
afterEach(async () => {
  await h.close();
});

const ref = (pod: { metadata?: { uid?: string; name?: string; namespace?: string } }) => ({ uid: pod.metadata!.uid!, name: pod.metadata!.name!, namespace: pod.metadata!.namespace! });
const runningPod = async (name: string, script: string | string[]) => {
  const pod = shPod(name, script);
  await h.runtime.createPod(pod);
  await waitUntil(async () => (await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current.state === "running", "the container to run");
  return ref(pod);
};
const text = async (it: AsyncIterable<Uint8Array>) => {
  let s = "";
  for await (const c of it) s += new TextDecoder().decode(c);
  return s;
};

describe("runc streams", () => {
  test("following a log yields lines as they are written, until the container exits", async () => {
    const pod = await runningPod("follow", "for i in 1 2 3; do echo line $i; sleep 0.2; done");
    const out = await text(await streams.logs(pod, "main", { follow: true, previous: false, timestamps: false }));
    expect(out).toBe("line 1\nline 2\nline 3\n");
  });

  test("exec with a terminal runs the command on a tty and reports its exit code", async () => {
    const pod = await runningPod("tty", SLEEP_FOREVER);
    const p = await streams.exec(pod, "main", ["sh", "-c", "tty; exit 5"], { stdin: false, stdout: true, stderr: false, tty: true });
    const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exit]);
    expect(out).toMatch(/\/dev\/pts\/\d+/);
    expect(code).toBe(5);
  });

  test("exec in a container that does not run is a StreamError naming it", async () => {
    const pod = await runningPod("noexec", SLEEP_FOREVER);
    await expect(streams.exec(pod, "other", ["true"], { stdin: false, stdout: true, stderr: true, tty: false })).rejects.toThrow("container other is not running");
  });

  test("port-forward reaches a server listening on the pod's loopback", async () => {
    const pod = await runningPod("web", "mkdir -p /www && echo hello from the pod > /www/index.html && exec httpd -f -p 8080 -h /www");
    let body = "";
    await waitUntil(async () => {
      const conn = await streams.portForward(pod, 8080);
      const w = conn.writable.getWriter();
      // httpd may not listen yet: the relay then exits and the write fails; try again
      const sent = await w.write(new TextEncoder().encode("GET /index.html HTTP/1.0\r\n\r\n")).then(() => true, () => false);
      body = await new Response(conn.readable).text();
      if (!sent) return false;
      return body.includes("hello from the pod");
    }, "httpd to answer through the port-forward");
    expect(body).toStartWith("HTTP/1.");
  });

  test("attach sends stdin to a stdin container and streams its output; stdinOnce ends its input with the session", async () => {
    const pod = shPod("att", "while read l; do echo got $l; done; echo bye", { restartPolicy: "Never" }, { stdin: true, stdinOnce: true });
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current.state === "running", "the container to run");
    const p = await streams.attach(ref(pod), "main", { stdin: true, stdout: true, stderr: false, tty: false });
    const w = p.stdin!.getWriter();
    await w.write(new TextEncoder().encode("one\ntwo\n"));
    await w.close();
    const [out] = await Promise.all([new Response(p.stdout).text(), p.exit]);
    expect(out).toBe("got one\ngot two\nbye\n");
    const other = await runningPod("plain", SLEEP_FOREVER);
    await expect(streams.attach(other, "main", { stdin: true, stdout: true, stderr: false, tty: false })).rejects.toThrow("was not started with stdin");
  });

  test("attach to a tty container types into its terminal, resizes it and streams what it draws, also into its log", async () => {
    const pod = shPod("term", ["sh"], { restartPolicy: "Never" }, { stdin: true, stdinOnce: true, tty: true });
    await h.runtime.createPod(pod);
    await waitUntil(async () => (await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current.state === "running", "the container to run");
    const p = await streams.attach(ref(pod), "main", { stdin: true, stdout: true, stderr: false, tty: true });
    p.resize(100, 30);
    const w = p.stdin!.getWriter();
    await w.write(new TextEncoder().encode("[ -t 0 ] && echo on-a-terminal; stty size; echo $TERM; echo sum-$((1+1)); exit 4\n"));
    const [out] = await Promise.all([new Response(p.stdout).text(), p.exit]);
    expect(out).toContain("\non-a-terminal");
    expect(out).toContain("30 100");
    expect(out).toContain("xterm");
    expect(out).toContain("sum-2");
    expect((await h.runtime.podStatus(pod.metadata!.uid!))!.containers[0]!.current).toMatchObject({ state: "terminated", exitCode: 4 });
    expect(await text(h.runtime.logs(pod.metadata!.uid!, "main"))).toContain("sum-2");
  });
});

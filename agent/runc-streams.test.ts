import { expect, test } from "bun:test";
import { RuncStreams } from "./runc-streams.ts";
import { StreamError } from "./tunnel/index.ts";

const pod = { namespace: "default", name: "bb", uid: "u1" };
const text = (s: string) => new Response(s).body as ReadableStream<Uint8Array>;

function streams(podIP?: string) {
  const calls: { cmd: string[]; stdin?: boolean }[] = [];
  const runtime = {
    logs(uid: string, container: string) {
      if (container !== "c") throw new Error(`container ${container} is not valid for pod bb`);
      return (async function* () {
        yield new TextEncoder().encode(`log of ${uid}\n`);
      })();
    },
    exec(_uid: string, container: string, cmd: string[], opts: { stdin?: boolean } = {}) {
      if (container !== "c") throw new Error(`container ${container} is not running`);
      calls.push({ cmd, stdin: opts.stdin });
      return { stdout: text("out\n"), stderr: text("err\n"), exit: Promise.resolve(3), kill() {} };
    },
  };
  return { provider: new RuncStreams({ runtime: runtime as never, podIP: () => podIP }), calls };
}

test("exec passes the command, keeps the asked-for outputs and reports the exit code", async () => {
  const { provider, calls } = streams();
  const p = await provider.exec(pod, "c", ["sh", "-c", "exit 3"], { stdin: false, stdout: true, stderr: false, tty: false });
  expect(calls).toEqual([{ cmd: ["sh", "-c", "exit 3"], stdin: false }]);
  expect(await new Response(p.stdout).text()).toBe("out\n");
  expect(p.stderr).toBeUndefined();
  expect(await p.exit).toBe(3);
});

test("with a tty, stdout and stderr arrive as one output", async () => {
  const { provider } = streams();
  const p = await provider.exec(pod, "c", ["sh"], { stdin: true, stdout: true, stderr: false, tty: true });
  const out = await new Response(p.stdout).text();
  expect(out.split("\n").sort()).toEqual(["", "err", "out"]);
});

test("runtime failures reach kubectl as 400 StreamErrors with the runtime's words", async () => {
  const { provider } = streams();
  await expect(provider.exec(pod, "x", ["true"], { stdin: false, stdout: true, stderr: true, tty: false })).rejects.toThrow(new StreamError("container x is not running"));
  expect(() => provider.logs(pod, "x", { follow: false, previous: false, timestamps: false })).toThrow("container x is not valid for pod bb");
  let lines = "";
  for await (const chunk of provider.logs(pod, "c", { follow: false, previous: false, timestamps: false })) lines += new TextDecoder().decode(chunk);
  expect(lines).toBe("log of u1\n");
});

test("attach is refused with 501 and port-forward needs the pod's IP", async () => {
  const { provider } = streams();
  const attach = await provider.attach(pod, "c").catch((e: StreamError) => e);
  expect(attach).toBeInstanceOf(StreamError);
  expect((attach as StreamError).code).toBe(501);
  await expect(provider.portForward(pod, 80)).rejects.toThrow("pod default/bb has no IP on this node");
});

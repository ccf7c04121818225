// `runc exec` in a running container: the command's stdio are pipes of the runc process, so the
// caller (the tunnel's exec, probes) gets web streams and the exit code.
import type { Runc } from "./runc.ts";

export interface ExecOptions {
  stdin?: boolean;
  env?: Record<string, string>;
  cwd?: string;
}

export interface ExecProcess {
  stdin?: WritableStream<Uint8Array>;
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  exit: Promise<number>;
  kill(): void;
}

export function execInContainer(runc: Runc, id: string, cmd: string[], opts: ExecOptions = {}): ExecProcess {
  const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ["--env", `${k}=${v}`]);
  const cwd = opts.cwd ? ["--cwd", opts.cwd] : [];
  const proc = Bun.spawn(runc.argv("exec", ...env, ...cwd, id, ...cmd), { stdin: opts.stdin ? "pipe" : "ignore", stdout: "pipe", stderr: "pipe" });
  let stdin: WritableStream<Uint8Array> | undefined;
  if (opts.stdin) {
    const sink = proc.stdin as import("bun").FileSink;
    stdin = new WritableStream({
      write: async (chunk) => {
        sink.write(chunk);
        await sink.flush();
      },
      close: async () => {
        await sink.end();
      },
      abort: async () => {
        await sink.end();
      },
    });
  }
  return { stdin, stdout: proc.stdout as ReadableStream<Uint8Array>, stderr: proc.stderr as ReadableStream<Uint8Array>, exit: proc.exited, kill: () => proc.kill("SIGKILL") };
}

// Where a pod lives on disk, under <data-dir>/agent/pods/<uid>/:
//   pod.json                  the Pod as created, its IP and creation time (adoption reads it)
//   ns/{net,ipc,uts}          the pod's namespaces, bind-mounted (ns/ is a private mount)
//   etc/{hosts,hostname,resolv.conf}
//   volumes/<name>/           emptyDir volumes
//   containers/<name>/        run.json (restart count, last state), bundle/ (config.json),
//                             rootfs/ (overlay), upper/, work/, exit (the last run's code)
//   logs/<name>/<restart>.log the container's output, one file per run, and its rotated parts
//                             <restart>.log.<end offset> (log-files.ts)
import { join } from "node:path";

export class PodPaths {
  readonly dir: string;
  constructor(podsDir: string, readonly uid: string) {
    this.dir = join(podsDir, uid);
  }
  get podFile() { return join(this.dir, "pod.json"); }
  get nsDir() { return join(this.dir, "ns"); }
  ns(kind: "net" | "ipc" | "uts") { return join(this.dir, "ns", kind); }
  get etcDir() { return join(this.dir, "etc"); }
  volume(name: string) { return join(this.dir, "volumes", name); }
  container(name: string) { return new ContainerPaths(this, name); }
  logDir(container: string) { return join(this.dir, "logs", container); }
  log(container: string, restart: number) { return join(this.dir, "logs", container, `${restart}.log`); }
}

export class ContainerPaths {
  readonly dir: string;
  constructor(readonly pod: PodPaths, readonly name: string) {
    this.dir = join(pod.dir, "containers", name);
  }
  get runFile() { return join(this.dir, "run.json"); }
  get bundle() { return join(this.dir, "bundle"); }
  get rootfs() { return join(this.dir, "bundle", "rootfs"); }
  get upper() { return join(this.dir, "upper"); }
  get work() { return join(this.dir, "work"); }
  get exitFile() { return join(this.dir, "exit"); }
  get pidFile() { return join(this.dir, "pid"); }
}

/** runc container ids: "<agent prefix>-<pod uid>-<container>-<restart>"; runc wants [\w+-.]. */
export function runcId(prefix: string, uid: string, container: string, restart: number): string {
  return `${prefix}-${uid}-${container}-${restart}`.replace(/[^\w+.-]/g, "_");
}

// kube-controller-manager's part of kubun: the controllers the server runs, sharing informers
// and talking to the API through the same client agents use (in process here).
import { Client, type FetchLike } from "../../shared/client/index.ts";
import { SharedInformers, type QueueOptions, type ResourceSource } from "../../shared/controller/index.ts";
import type { Logger } from "../../shared/log.ts";
import { KUBE_VERSION } from "../../shared/version.ts";
import { startCronJobController } from "./cronjob/index.ts";
import { startDaemonSetController } from "./daemonset/index.ts";
import { startGarbageCollector } from "./garbage-collector/index.ts";
import { startJobController } from "./job/index.ts";
import { startNamespaceController } from "./namespace/index.ts";
import { startStatefulSetController } from "./statefulset/index.ts";
import { startEndpointSliceController, startEndpointsController } from "./endpoints/index.ts";
import { startServiceAccountController } from "./serviceaccount/index.ts";
import { startRootCaPublisher } from "./rootca/index.ts";
import { startReplicaSetController } from "./replicaset/index.ts";
import { startDeploymentController } from "./deployment/index.ts";
import { startNodeLifecycleController } from "./nodelifecycle/index.ts";
import { startDisruptionController } from "./disruption/index.ts";
import { startScheduler } from "../scheduler/index.ts";

export interface ControllersOptions {
  fetch: FetchLike;
  /** Bearer token of the controllers' identity (system:kube-controller-manager). */
  token: string;
  /** The served resource types (the API registry). */
  registry: ResourceSource;
  log: Logger;
  /** Origin the requests are addressed to (default "http://kubun.internal": in process). */
  baseUrl?: string;
  /** Work queue backoff (tests lower it). */
  queue?: QueueOptions;
  /** Namespace controller: how soon to look again while content remains. */
  namespaceContentPollMs?: number;
  /** The CA bundle published as `kube-root-ca.crt` in every namespace; without it no publisher runs. */
  rootCaPem?: string;
}

export interface RunningControllers {
  informers: SharedInformers;
  stop(): Promise<void>;
}

export function startControllers(opts: ControllersOptions): RunningControllers {
  const platform = `linux/${process.arch === "x64" ? "amd64" : process.arch}`;
  const client = (name: string) =>
    new Client({ baseUrl: opts.baseUrl ?? "http://kubun.internal", fetch: opts.fetch, token: opts.token, userAgent: `kube-controller-manager/v${KUBE_VERSION.major}.${KUBE_VERSION.minor} (${platform}) kubun/${name}` });
  const informers = new SharedInformers(client("shared-informers"), { log: opts.log });
  const running = [
    startGarbageCollector({ client: client("generic-garbage-collector"), informers, types: opts.registry, log: opts.log, queue: opts.queue }),
    startNamespaceController({ client: client("namespace-controller"), informers, types: opts.registry, log: opts.log, queue: opts.queue, contentPollMs: opts.namespaceContentPollMs }),
    startReplicaSetController({ client: client("replicaset-controller"), informers, log: opts.log, queue: opts.queue }),
    startDeploymentController({ client: client("deployment-controller"), informers, log: opts.log, queue: opts.queue }),
    startJobController({ client: client("job-controller"), informers, log: opts.log, queue: opts.queue }),
    startCronJobController({ client: client("cronjob-controller"), informers, log: opts.log, queue: opts.queue }),
    startDaemonSetController({ client: client("daemon-set-controller"), informers, log: opts.log, queue: opts.queue }),
    startStatefulSetController({ client: client("statefulset-controller"), informers, log: opts.log, queue: opts.queue }),
    startScheduler({ client: client("default-scheduler"), informers, log: opts.log }),
    startEndpointsController({ client: client("endpoint-controller"), informers, log: opts.log, queue: opts.queue }),
    startEndpointSliceController({ client: client("endpointslice-controller"), informers, log: opts.log, queue: opts.queue }),
    startServiceAccountController({ client: client("serviceaccount-controller"), informers, log: opts.log, queue: opts.queue }),
    startNodeLifecycleController({ client: client("node-controller"), informers, log: opts.log, queue: opts.queue }),
    startDisruptionController({ client: client("disruption-controller"), informers, types: opts.registry, log: opts.log, queue: opts.queue }),
    ...(opts.rootCaPem ? [startRootCaPublisher({ client: client("root-ca-cert-publisher"), informers, caPem: opts.rootCaPem, log: opts.log, queue: opts.queue })] : []),
  ];
  opts.log.level("debug")("controllers started", { count: running.length });
  return {
    informers,
    async stop() {
      await Promise.all(running.map((c) => c.stop()));
      await informers.stop();
    },
  };
}

import { describe, expect, test } from "bun:test";
import type { CronJob, Job } from "kubernetes-types/batch/v1";
import type { KubeObject, StoredObject } from "../../../shared/api/object.ts";
import { cronJobStrategy } from "./cronjob.ts";
import { jobStrategy } from "./job.ts";

const uid = "0b4f2a5e-2c7e-4d2b-9d3c-1f2e3d4c5b6a";

/** What `kubectl create job pi --image=perl` sends, after the create handler assigned a uid. */
const kubectlCreateJob = (): Job => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "pi", namespace: "default", uid },
  spec: { template: { metadata: {}, spec: { containers: [{ name: "pi", image: "perl", resources: {} }], restartPolicy: "Never" } } },
});

const defaulted = <T>(strategy: { defaults?: (o: KubeObject) => void }, obj: T): T => {
  strategy.defaults!(obj as KubeObject);
  return obj;
};

describe("Job defaults", () => {
  test("counts, policies and the generated selector and labels", () => {
    const job = defaulted(jobStrategy, kubectlCreateJob());
    const { template, ...rest } = job.spec!;
    expect(rest).toEqual({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "TerminatingOrFailed",
      selector: { matchLabels: { "batch.kubernetes.io/controller-uid": uid } },
    });
    expect(template.metadata?.labels).toEqual({
      "job-name": "pi",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "batch.kubernetes.io/controller-uid": uid,
    });
    expect(job.metadata?.labels).toEqual(template.metadata?.labels);
    expect(template.spec?.terminationGracePeriodSeconds).toBe(30);
    expect(jobStrategy.validate!(job as KubeObject)).toEqual([]);
  });

  test("parallelism alone leaves completions unset", () => {
    const job = kubectlCreateJob();
    job.spec!.parallelism = 3;
    defaulted(jobStrategy, job);
    expect(job.spec!.completions).toBeUndefined();
  });

  test("a manual selector is left alone", () => {
    const job = kubectlCreateJob();
    job.spec!.manualSelector = true;
    job.spec!.selector = { matchLabels: { a: "b" } };
    job.spec!.template.metadata = { labels: { a: "b" } };
    defaulted(jobStrategy, job);
    expect(job.spec!.selector).toEqual({ matchLabels: { a: "b" } });
    expect(job.spec!.template.metadata?.labels).toEqual({ a: "b" });
  });

  test("job labels that were given are kept", () => {
    const job = kubectlCreateJob();
    job.metadata!.labels = { team: "x" };
    expect(defaulted(jobStrategy, job).metadata?.labels).toEqual({ team: "x" });
  });
});

describe("Job validation", () => {
  test("the pod template must not restart Always", () => {
    const job = kubectlCreateJob();
    delete job.spec!.template.spec!.restartPolicy;
    defaulted(jobStrategy, job);
    expect(jobStrategy.validate!(job as KubeObject)).toEqual([
      {
        reason: "FieldValueNotSupported",
        field: "spec.template.spec.restartPolicy",
        message: 'Unsupported value: "Always": supported values: "OnFailure", "Never"',
      },
    ]);
  });

  test("Indexed completion needs completions", () => {
    const job = kubectlCreateJob();
    job.spec!.completionMode = "Indexed";
    job.spec!.parallelism = 2;
    defaulted(jobStrategy, job);
    expect(jobStrategy.validate!(job as KubeObject)).toContainEqual(
      expect.objectContaining({ field: "spec.completions", message: "Required value: when completion mode is Indexed" }),
    );
  });

  test("a selector that does not match the template is reported", () => {
    const job = kubectlCreateJob();
    job.spec!.manualSelector = true;
    job.spec!.selector = { matchLabels: { a: "b" } };
    defaulted(jobStrategy, job);
    expect(jobStrategy.validate!(job as KubeObject).map((c) => c.field)).toEqual(["spec.template.metadata.labels"]);
  });
});

describe("Job updates", () => {
  const stored = () => defaulted(jobStrategy, kubectlCreateJob()) as unknown as StoredObject;

  test("the template and selector are immutable", () => {
    const next = stored() as unknown as Job;
    next.spec!.template.spec!.containers[0].image = "perl:5";
    next.spec!.selector = { matchLabels: { x: "y" } };
    expect(jobStrategy.validateUpdate!(next as KubeObject, stored()).map((c) => c.field)).toEqual(["spec.selector", "spec.template"]);
  });

  test("a suspended job that never started may change scheduling directives", () => {
    const old = stored() as unknown as Job;
    old.spec!.suspend = true;
    const next = structuredClone(old);
    next.spec!.template.spec!.nodeSelector = { zone: "a" };
    expect(jobStrategy.validateUpdate!(next as KubeObject, old as unknown as StoredObject)).toEqual([]);
  });

  test("unsuspending and changing parallelism is allowed", () => {
    const next = stored() as unknown as Job;
    next.spec!.parallelism = 4;
    expect(jobStrategy.validateUpdate!(next as KubeObject, stored())).toEqual([]);
  });

  test("status.successful is a field selector", () => {
    const job = { ...stored(), status: { succeeded: 2 } };
    expect(jobStrategy.fieldSelectors!["status.successful"](job)).toBe("2");
  });
});

describe("CronJob", () => {
  const kubectlCreateCronJob = (): CronJob => ({
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name: "tick", namespace: "default" },
    spec: {
      schedule: "*/1 * * * *",
      jobTemplate: {
        metadata: { name: "tick" },
        spec: { template: { metadata: {}, spec: { containers: [{ name: "tick", image: "busybox", resources: {} }], restartPolicy: "OnFailure" } } },
      },
    },
  });

  test("defaults policies and history limits and the pod template, not the job spec", () => {
    const cj = defaulted(cronJobStrategy, kubectlCreateCronJob());
    const { jobTemplate, ...rest } = cj.spec!;
    expect(rest).toEqual({
      schedule: "*/1 * * * *",
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    expect(Object.keys(jobTemplate.spec!)).toEqual(["template"]);
    expect(jobTemplate.spec!.template.spec!.dnsPolicy).toBe("ClusterFirst");
    expect(cronJobStrategy.validate!(cj as KubeObject)).toEqual([]);
  });

  const cases: [string, (c: CronJob) => void, string, string][] = [
    ["a bad schedule", (c) => (c.spec!.schedule = "every minute"), "spec.schedule", 'Invalid value: "every minute": expected exactly 5 fields, found 2: [every minute]'],
    ["no schedule", (c) => (c.spec!.schedule = ""), "spec.schedule", "Required value"],
    ["TZ in the schedule", (c) => (c.spec!.schedule = "TZ=UTC * * * * *"), "spec.schedule", 'Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ["an unknown time zone", (c) => (c.spec!.timeZone = "Mars/Olympus"), "spec.timeZone", 'Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ["a bad concurrency policy", (c) => (c.spec!.concurrencyPolicy = "Sometimes"), "spec.concurrencyPolicy", 'Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ["a long name", (c) => (c.metadata!.name = "x".repeat(53)), "metadata.name", `Invalid value: "${"x".repeat(53)}": must be no more than 52 characters`],
    ["restartPolicy Always", (c) => (c.spec!.jobTemplate.spec!.template.spec!.restartPolicy = "Always"), "spec.jobTemplate.spec.template.spec.restartPolicy", 'Unsupported value: "Always": supported values: "OnFailure", "Never"'],
    ["a job template selector", (c) => (c.spec!.jobTemplate.spec!.selector = {}), "spec.jobTemplate.spec.selector", "Invalid value: {}: `selector` will be auto-generated"],
  ];
  test.each(cases)("%s is reported on %p", (_what, mutate, field, message) => {
    const cj = kubectlCreateCronJob();
    mutate(cj);
    defaulted(cronJobStrategy, cj);
    expect(cronJobStrategy.validate!(cj as KubeObject)).toContainEqual(expect.objectContaining({ field, message }));
  });

  test("@hourly and a valid time zone are accepted", () => {
    const cj = kubectlCreateCronJob();
    cj.spec!.schedule = "@hourly";
    cj.spec!.timeZone = "Europe/Berlin";
    defaulted(cronJobStrategy, cj);
    expect(cronJobStrategy.validate!(cj as KubeObject)).toEqual([]);
  });
});

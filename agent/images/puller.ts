// The kubelet's image manager for one container (upstream pkg/kubelet/images): ask the image
// service for the container's image under its pull policy, with the pod's imagePullSecrets, and
// report what happened as the kubelet does:
//   present (IfNotPresent/Never)  → Pulled "Container image … already present on machine"
//   pulled                        → Pulling, then Pulled "Successfully pulled image … in 1.2s (…)"
//   pull failed                   → Failed "Failed to pull image …: <registry's reason>", ErrImagePull
//   asked again within back-off   → BackOff "Back-off pulling image …", ImagePullBackOff
//   Never and absent              → ErrImageNeverPull
// Failed pulls back off like upstream's (10 s doubling to 5 min, the runtime's back-off): the
// caller is told when to ask again (ImageError.retryInMs). A failure asks again after a short
// moment (upstream: the next pod sync), which answers ImagePullBackOff until the back-off passed.
import type { Container, Pod, Secret } from "kubernetes-types/core/v1";
import { errorText, ImageError } from "./errors.ts";
import { alreadyPresentMessage, failedPullMessage, pulledMessage, pullingMessage } from "./events.ts";
import { defaultPullPolicy, isPullPolicy, type PullPolicy } from "./policy.ts";
import { dockerConfigsOf, type DockerConfig } from "./pull-secrets.ts";
import type { EnsuredImage } from "./service.ts";

export interface PullEvent {
  type: "Normal" | "Warning";
  reason: string;
  message: string;
}

/** What ImageService.ensureImage gives; test stubs may leave out how the image was obtained. */
export type ResolvedImage = Pick<EnsuredImage, "rootfsLayers" | "config" | "repoDigest"> & Partial<Pick<EnsuredImage, "pulled" | "size" | "durationMs" | "totalMs">>;

export interface ImageEnsurer {
  ensureImage(image: string, opts: { policy: PullPolicy; pullSecrets?: readonly DockerConfig[]; onPull?: () => void }): Promise<ResolvedImage>;
}

export interface ImagePullerOptions {
  images: ImageEnsurer;
  /** The back-off after `failures` failed pulls in a row (0 = after the first). */
  backoffMs(failures: number): number;
  event(e: PullEvent): void;
  /** Reads an imagePullSecret; absent or failing: the pull goes on without it (as upstream). */
  secret?(namespace: string, name: string): Promise<Secret | undefined>;
  now?: () => number;
}

/** How soon a failed pull is looked at again (upstream: the next pod sync): ErrImagePull becomes ImagePullBackOff. */
export const RECHECK_MS = 1000;

export class ImagePuller {
  private failures = 0;
  private lastFailure = 0;
  /** "ErrImagePull: <message>" of the last failure, for the back-off message (upstream 1.32+). */
  private lastError = "";
  private readonly now: () => number;

  constructor(private readonly o: ImagePullerOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Milliseconds left of the back-off (0: a pull may be tried now). */
  remainingMs(): number {
    if (!this.failures) return 0;
    return Math.max(0, this.lastFailure + this.o.backoffMs(this.failures - 1) - this.now());
  }

  async ensure(pod: Pod, container: Container): Promise<ResolvedImage> {
    const image = container.image ?? "";
    const policy = isPullPolicy(container.imagePullPolicy) ? container.imagePullPolicy : defaultPullPolicy(image);
    const wait = this.remainingMs();
    if (wait > 0) {
      const msg = `Back-off pulling image "${image}"`;
      this.emit("Normal", "BackOff", msg);
      this.emit("Warning", "Failed", "Error: ImagePullBackOff");
      throw new ImageError("ImagePullBackOff", `${msg}: ${this.lastError}`, { retryInMs: wait });
    }
    const pullSecrets = await this.pullSecrets(pod);
    let pulling = false;
    try {
      const img = await this.o.images.ensureImage(image, { policy, pullSecrets, onPull: () => {
        pulling = true;
        this.emit("Normal", "Pulling", pullingMessage(image));
      } });
      this.failures = 0;
      if (img.pulled) this.emit("Normal", "Pulled", pulledMessage(image, { durationMs: img.durationMs ?? 0, totalMs: img.totalMs ?? 0, size: img.size ?? 0 }));
      else this.emit("Normal", "Pulled", alreadyPresentMessage(image));
      return img;
    } catch (e) {
      throw this.failed(image, e, pulling);
    }
  }

  private failed(image: string, e: unknown, pulling: boolean): unknown {
    const reason = e instanceof ImageError ? e.reason : pulling ? "ErrImagePull" : undefined;
    if (reason === "ErrImagePull") {
      this.emit("Warning", "Failed", failedPullMessage(image, e));
      this.emit("Warning", "Failed", "Error: ErrImagePull");
      this.failures++;
      this.lastFailure = this.now();
      this.lastError = `ErrImagePull: ${errorText(e)}`;
      return new ImageError("ErrImagePull", errorText(e), { cause: e, retryInMs: Math.min(RECHECK_MS, this.remainingMs()) });
    }
    if (reason === "ErrImageNeverPull") this.emit("Warning", "ErrImageNeverPull", errorText(e));
    else if (reason === "InvalidImageName") this.emit("Warning", "InspectFailed", errorText(e));
    else return e;
    this.emit("Warning", "Failed", `Error: ${reason}`);
    // Upstream asks again at the next pod sync; a tarball imported meanwhile is then used.
    return new ImageError(reason, errorText(e), { cause: e, retryInMs: this.o.backoffMs(0) });
  }

  private async pullSecrets(pod: Pod): Promise<DockerConfig[]> {
    const ns = pod.metadata?.namespace ?? "default";
    const refs = (pod.spec?.imagePullSecrets ?? []).map((r) => r.name).filter((n): n is string => !!n);
    if (!refs.length || !this.o.secret) return [];
    const found = await Promise.all(refs.map((n) => this.o.secret!(ns, n).catch(() => undefined)));
    return dockerConfigsOf(found.filter((s): s is Secret => !!s));
  }

  private emit(type: PullEvent["type"], reason: string, message: string) {
    this.o.event({ type, reason, message });
  }
}

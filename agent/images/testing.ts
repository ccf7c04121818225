// Helpers for the image tests: a service over a temp data dir that is removed on dispose, and a
// fetch that records every request URL (to count downloads or prove none happened).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImageService, type ImageServiceOptions } from "./service.ts";
import type { FetchLike } from "./transport.ts";
import { createLogger } from "../../shared/log.ts";

export interface TestService extends AsyncDisposable {
  images: ImageService;
  dataDir: string;
  /** URLs fetched so far, in order. */
  requests: string[];
}

export function recordingFetch(requests: string[], inner: FetchLike = (u, i) => fetch(u, i)): FetchLike {
  return (url, init) => {
    requests.push(url);
    return inner(url, init);
  };
}

export async function openTestService(opts: Partial<ImageServiceOptions> = {}): Promise<TestService> {
  const dataDir = mkdtempSync(join(tmpdir(), "kubun-images-"));
  const requests: string[] = [];
  const images = await ImageService.open({ dataDir, log: createLogger("error"), ...opts, fetch: recordingFetch(requests, opts.fetch) });
  return {
    images,
    dataDir,
    requests,
    [Symbol.asyncDispose]: async () => {
      images.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Request URLs for blobs (layers and configs). */
export function blobRequests(requests: string[]): string[] {
  return requests.filter((u) => u.includes("/blobs/"));
}

// Air-gapped imports: image tarballs (.tar, or .tar.gz / .tar.zst, decompressed to a temp file
// first) put in <data-dir>/agent/images/ are imported at start and when they appear or change.
// imported.json remembers each file's size and mtime so a restart does not import it again.
import { watch, type FSWatcher } from "node:fs";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readArchive, isArchiveName } from "./archive.ts";
import { decompress } from "./digest.ts";
import { errorText } from "./errors.ts";
import { installImage, type InstallContext } from "./install.ts";
import type { Platform } from "./platform.ts";

export interface ImportResult {
  file: string;
  /** Image IDs imported from the file. */
  images: string[];
  names: string[];
  /** Why the file was not imported. */
  error?: string;
  /** True when the file was imported before, unchanged since. */
  skipped?: boolean;
}

interface Seen {
  size: number;
  mtimeMs: number;
}

export class TarballImporter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: InstallContext,
    private readonly platform: Platform,
    private readonly now: () => number,
  ) {}

  private get root(): string {
    return this.ctx.store.root;
  }

  private async seen(): Promise<Record<string, Seen>> {
    try {
      return JSON.parse(await readFile(join(this.root, "imported.json"), "utf8"));
    } catch {
      return {};
    }
  }

  private async remember(name: string, s: Seen): Promise<void> {
    const all = await this.seen();
    all[name] = s;
    const tmp = join(this.root, `imported.json.${crypto.randomUUID()}.tmp`);
    await writeFile(tmp, JSON.stringify(all, null, 1));
    await rename(tmp, join(this.root, "imported.json"));
  }

  /** Imports one tarball (by file name in the images dir); imports run one at a time. */
  importFile(name: string, opts: { force?: boolean } = {}): Promise<ImportResult> {
    const run = this.queue.then(() => this.doImport(name, opts.force ?? false));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Imports every tarball in the images dir that was not imported unchanged before. */
  async importAll(): Promise<ImportResult[]> {
    const names = (await readdir(this.root)).filter(isArchiveName).sort();
    const out: ImportResult[] = [];
    for (const n of names) out.push(await this.importFile(n));
    return out;
  }

  private async doImport(name: string, force: boolean): Promise<ImportResult> {
    const file = join(this.root, name);
    const result: ImportResult = { file, images: [], names: [] };
    let tmp: string | undefined;
    try {
      const st = await stat(file);
      const before = (await this.seen())[name];
      if (!force && before && before.size === st.size && before.mtimeMs === st.mtimeMs) return { ...result, skipped: true };
      let tarPath = file;
      if (!name.endsWith(".tar")) {
        tmp = join(await this.ctx.store.tempDir("import"), "archive.tar");
        const { stream } = await decompress(Bun.file(file).stream());
        await Bun.write(tmp, new Response(stream));
        tarPath = tmp;
      }
      for (const img of await readArchive(tarPath, this.platform)) {
        const { record } = await installImage(this.ctx, { ...img, repoDigests: [], now: this.now() });
        result.images.push(record.id);
        result.names.push(...img.names);
      }
      await this.remember(name, { size: st.size, mtimeMs: st.mtimeMs });
      return result;
    } catch (err) {
      return { ...result, error: errorText(err) };
    } finally {
      if (tmp) await rm(join(tmp, ".."), { recursive: true, force: true });
    }
  }

  /**
   * Watches the images dir and imports tarballs that appear or change, once their size stayed
   * the same for `settleMs` (a copy in progress is not imported half-written).
   */
  watch(onResult: (r: ImportResult) => void, settleMs = 500): FSWatcher {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const check = (name: string, lastSize: number) => {
      timers.delete(name);
      stat(join(this.root, name)).then(
        (st) => {
          if (st.size !== lastSize) timers.set(name, setTimeout(() => check(name, st.size), settleMs));
          else this.importFile(name).then((r) => r.skipped || onResult(r));
        },
        () => undefined, // removed again
      );
    };
    const watcher = watch(this.root, (_event, filename) => {
      const name = filename?.toString();
      if (!name || !isArchiveName(name)) return;
      clearTimeout(timers.get(name));
      timers.set(name, setTimeout(() => check(name, -1), settleMs));
    });
    watcher.on("close", () => {
      for (const t of timers.values()) clearTimeout(t);
    });
    return watcher;
  }
}

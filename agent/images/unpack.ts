// Unpacks one image layer (a tar stream) into an empty directory that overlayfs can use as a
// lower dir. OCI whiteouts become overlayfs whiteouts:
//   .wh.<name>     → <name> as a 0:0 character device (hides <name> of lower layers)
//   .wh..wh..opq   → the directory gets trusted.overlay.opaque=y (hides all lower content)
//   .wh..wh.<x>    → other AUFS metadata, ignored
// Modes (setuid included), symlinks, hardlinks, devices, fifos, mtimes, xattrs and, as root,
// owners are kept. Whiteouts, devices and trusted.* xattrs need root (CAP_MKNOD, CAP_SYS_ADMIN):
// without it devices are skipped and a layer with whiteouts is refused.
// Entries may not leave the directory: ".." components and paths through symlinks are refused.
import { constants } from "node:fs";
import { chmod, chown, lchown, link, lstat, lutimes, mkdir, open, rm, symlink, utimes } from "node:fs/promises";
import { join } from "node:path";
import { cleanPath, type TarEntry } from "./tar/header.ts";
import type { TarItem } from "./tar/reader.ts";
import { lsetxattr, mknod, S_IFBLK, S_IFCHR, S_IFIFO } from "./sys.ts";

export const OPAQUE_XATTR = "trusted.overlay.opaque";
const WHITEOUT_PREFIX = ".wh.";
const OPAQUE_MARKER = ".wh..wh..opq";

export interface UnpackOptions {
  /** Running as root: owners, devices, whiteouts and trusted.* xattrs are written. */
  privileged: boolean;
}

export interface UnpackStats {
  entries: number;
  /** Bytes of file content written. */
  bytes: number;
  whiteouts: number;
}

function checkPath(p: string, entry: string): string {
  if (p.split("/").some((c) => c === "..")) throw new Error(`layer entry ${JSON.stringify(entry)} leaves the layer (".." in its path)`);
  return p;
}

export async function unpackLayer(dir: string, items: AsyncIterable<TarItem>, opts: UnpackOptions): Promise<UnpackStats> {
  const stats: UnpackStats = { entries: 0, bytes: 0, whiteouts: 0 };
  const dirs = new Set<string>([""]);
  const dirTimes: [string, number][] = [];
  const abs = (rel: string) => (rel ? join(dir, rel) : dir);

  /** Creates missing parents; refuses a parent that exists as anything but a directory. */
  const ensureParent = async (rel: string) => {
    const parts = rel.split("/");
    parts.pop();
    let cur = "";
    for (const part of parts) {
      cur = cur ? `${cur}/${part}` : part;
      if (dirs.has(cur)) continue;
      const st = await lstat(abs(cur)).catch(() => undefined);
      if (!st) await mkdir(abs(cur), { mode: 0o755 });
      else if (!st.isDirectory()) throw new Error(`layer entry ${JSON.stringify(rel)} goes through ${JSON.stringify(cur)}, which is not a directory`);
      dirs.add(cur);
    }
  };
  /** Refuses a hardlink target reached through anything but directories of this layer. */
  const checkParents = async (rel: string, entry: string) => {
    const parts = rel.split("/");
    parts.pop();
    for (let i = 1; i <= parts.length; i++) {
      const cur = parts.slice(0, i).join("/");
      if (dirs.has(cur)) continue;
      const st = await lstat(abs(cur)).catch(() => undefined);
      if (!st?.isDirectory()) throw new Error(`layer entry ${JSON.stringify(entry)} links through ${JSON.stringify(cur)}, which is not a directory`);
    }
  };
  /** Removes whatever an earlier entry left at `rel`, unless both are directories. */
  const clear = async (rel: string, keepDir: boolean) => {
    const st = await lstat(abs(rel)).catch(() => undefined);
    if (!st) return;
    if (keepDir && st.isDirectory()) return;
    await rm(abs(rel), { recursive: true, force: true });
    for (const d of dirs) if (d === rel || d.startsWith(`${rel}/`)) dirs.delete(d);
  };
  const own = async (path: string, e: TarEntry, isLink = false) => {
    if (!opts.privileged) return;
    await (isLink ? lchown(path, e.uid, e.gid) : chown(path, e.uid, e.gid));
  };
  const xattrs = (path: string, e: TarEntry) => {
    for (const [name, value] of Object.entries(e.xattrs)) {
      if (!opts.privileged && (name.startsWith("trusted.") || name.startsWith("security."))) continue;
      lsetxattr(path, name, value);
    }
  };

  for await (const { entry: e, body } of items) {
    stats.entries++;
    const rel = checkPath(e.path, e.path);
    const base = rel.slice(rel.lastIndexOf("/") + 1);
    if (base.startsWith(WHITEOUT_PREFIX)) {
      const parent = rel.slice(0, Math.max(0, rel.lastIndexOf("/")));
      await ensureParent(rel);
      if (base === OPAQUE_MARKER) {
        if (!opts.privileged) throw new Error(`layer has an opaque directory ${JSON.stringify(parent || "/")}: unpacking it for overlayfs needs root`);
        lsetxattr(abs(parent), OPAQUE_XATTR, "y");
        stats.whiteouts++;
      } else if (!base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) {
        if (!opts.privileged) throw new Error(`layer has a whiteout ${JSON.stringify(rel)}: unpacking it for overlayfs needs root`);
        const hidden = (parent ? `${parent}/` : "") + base.slice(WHITEOUT_PREFIX.length);
        await clear(hidden, false);
        mknod(abs(hidden), S_IFCHR, 0, 0, 0);
        stats.whiteouts++;
      }
      continue;
    }
    const path = abs(rel);
    if (rel) await ensureParent(rel);
    switch (e.type) {
      case "directory": {
        await clear(rel, true);
        if (!dirs.has(rel)) await mkdir(path, { mode: 0o755 }).catch((err) => (err.code === "EEXIST" ? undefined : Promise.reject(err)));
        dirs.add(rel);
        await own(path, e);
        await chmod(path, e.mode);
        xattrs(path, e);
        dirTimes.push([path, e.mtime]);
        break;
      }
      case "file": {
        await clear(rel, false);
        const fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
        try {
          for await (const chunk of body) {
            let off = 0;
            while (off < chunk.length) off += (await fh.write(chunk, off, chunk.length - off)).bytesWritten;
            stats.bytes += chunk.length;
          }
        } finally {
          await fh.close();
        }
        await own(path, e);
        await chmod(path, e.mode);
        xattrs(path, e);
        await utimes(path, e.mtime, e.mtime);
        break;
      }
      case "symlink":
        await clear(rel, false);
        await symlink(e.linkname, path);
        await own(path, e, true);
        await lutimes(path, e.mtime, e.mtime);
        break;
      case "hardlink": {
        const target = checkPath(cleanPath(e.linkname), e.path);
        await checkParents(target, rel);
        const st = await lstat(abs(target)).catch(() => undefined);
        if (!st || st.isDirectory()) throw new Error(`layer entry ${JSON.stringify(rel)} is a hardlink to ${JSON.stringify(target)}, which is not a file in this layer`);
        await clear(rel, false);
        await link(abs(target), path);
        break;
      }
      case "char":
      case "block":
      case "fifo": {
        if (e.type !== "fifo" && !opts.privileged) break; // devices need CAP_MKNOD; containers get /dev from the runtime anyway
        await clear(rel, false);
        mknod(path, e.type === "fifo" ? S_IFIFO : e.type === "char" ? S_IFCHR : S_IFBLK, e.mode, e.devmajor, e.devminor);
        await own(path, e);
        await chmod(path, e.mode);
        break;
      }
    }
  }
  // Directory times last: creating entries inside a directory changes its mtime.
  for (const [path, mtime] of dirTimes.reverse()) await utimes(path, mtime, mtime).catch(() => undefined);
  return stats;
}

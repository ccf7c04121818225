// Platforms (os/architecture/variant) and picking a manifest from an index for the node, as
// containerd's platform matcher does: arm64 with or without variant v8 is the same platform;
// arm/v7 also runs v6 and v5 images; amd64 prefers its exact variant, then lower ones.
import type { Descriptor } from "./media.ts";

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

const ARCH_ALIASES: Record<string, string> = { x86_64: "amd64", x64: "amd64", "x86-64": "amd64", aarch64: "arm64", armhf: "arm", armel: "arm", i386: "386", ia32: "386" };

export function normalizePlatform(p: Platform): Platform {
  const os = p.os.toLowerCase();
  const architecture = ARCH_ALIASES[p.architecture.toLowerCase()] ?? p.architecture.toLowerCase();
  let variant = p.variant?.toLowerCase() || undefined;
  if (variant && /^\d+$/.test(variant)) variant = `v${variant}`;
  if (architecture === "arm64" && variant === "v8") variant = undefined;
  if (architecture === "amd64" && variant === "v1") variant = undefined;
  if (architecture === "arm" && !variant) variant = "v7";
  return variant ? { os, architecture, variant } : { os, architecture };
}

/** The platform of the machine kubun runs on (linux/amd64, linux/arm64, linux/arm/v7). */
export function nodePlatform(): Platform {
  return normalizePlatform({ os: process.platform, architecture: process.arch });
}

/** "linux/arm64", "linux/arm64/v8", "linux/arm/v7". */
export function parsePlatform(s: string): Platform {
  const [os, architecture, variant, ...rest] = s.split("/");
  if (!os || !architecture || rest.length) throw new Error(`invalid platform ${JSON.stringify(s)}: expected os/architecture[/variant]`);
  return normalizePlatform({ os, architecture, variant });
}

export function formatPlatform(p: Platform): string {
  const n = normalizePlatform(p);
  return [n.os, n.architecture, n.variant].filter(Boolean).join("/");
}

/** Variants a node of this variant runs, best first. */
function compatibleVariants(p: Platform): (string | undefined)[] {
  const v = p.variant;
  if (p.architecture === "arm") {
    const order = ["v8", "v7", "v6", "v5"];
    const i = order.indexOf(v ?? "v7");
    return i < 0 ? [v] : order.slice(i);
  }
  if (p.architecture === "amd64") {
    const order = ["v4", "v3", "v2", undefined];
    const i = order.indexOf(v);
    return i < 0 ? [v] : order.slice(i);
  }
  return [v];
}

/** Ranks a candidate for `want`: lower is better, -1 means it does not run. */
export function platformRank(want: Platform, candidate: Platform): number {
  const w = normalizePlatform(want);
  const c = normalizePlatform(candidate);
  if (w.os !== c.os || w.architecture !== c.architecture) return -1;
  return compatibleVariants(w).indexOf(c.variant);
}

/** The index entry to pull for `want`, or undefined when none runs on it. */
export function selectManifest(manifests: Descriptor[], want: Platform): Descriptor | undefined {
  let best: Descriptor | undefined;
  let bestRank = Infinity;
  for (const m of manifests) {
    if (!m.platform) continue;
    const rank = platformRank(want, m.platform);
    if (rank >= 0 && rank < bestRank) {
      best = m;
      bestRank = rank;
    }
  }
  return best;
}

import { existsSync, readdirSync, readFileSync } from "node:fs";

/**
 * Proportional set size (PSS) of a process and all its descendants, in MB:
 * shared pages (PostgreSQL's shared buffers, libraries) are split among the
 * processes that map them, so the sum is what the tree costs the machine.
 * Linux only (/proc/<pid>/smaps_rollup); null elsewhere.
 */
export function treePssMb(root: number): number | null {
  if (!existsSync(`/proc/${root}/smaps_rollup`)) return null;
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = safeRead(`/proc/${name}/stat`);
    // The parent pid is the second field after the parenthesised command name.
    const ppid = stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : NaN;
    if (Number.isInteger(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  let mb = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    mb += pssMb(pid) ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return mb;
}

/** PSS of one process, in MB; null when it cannot be read. */
export function pssMb(pid: number): number | null {
  return kbField(`/proc/${pid}/smaps_rollup`, "Pss");
}

/** Resident set size (VmRSS) of one process, in MB; null when it cannot be read. */
export function rssMb(pid: number): number | null {
  return kbField(`/proc/${pid}/status`, "VmRSS");
}

function kbField(file: string, field: string): number | null {
  const text = safeRead(file);
  const match = text ? new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text) : null;
  return match ? Number(match[1]) / 1024 : null;
}

function safeRead(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

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
  let kb = 0;
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const rollup = safeRead(`/proc/${pid}/smaps_rollup`);
    const match = rollup ? /^Pss:\s+(\d+) kB/m.exec(rollup) : null;
    kb += match ? Number(match[1]) : 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

function safeRead(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

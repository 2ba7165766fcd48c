import { performance } from "node:perf_hooks";
import type { Logger } from "../../logger.js";
import type { StatuspageClient } from "./client.js";

export interface ComponentDirectoryOptions {
  /** How long the list is trusted. */
  readonly ttlMs?: number;
  /** A name we do not know refreshes the list at most this often. */
  readonly missRefreshMs?: number;
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * Sitrep names components ("Checkout"); Statuspage wants their ids. The
 * page's component list is cached; a name missing from it refreshes the list
 * (rarely), and a name the page does not have is left out with a warning
 * rather than failing the update customers are waiting for.
 */
export class ComponentDirectory {
  private ids = new Map<string, string>();
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private readonly warned = new Set<string>();

  constructor(
    private readonly client: StatuspageClient,
    private readonly log: Logger,
    private readonly options: ComponentDirectoryOptions = {},
  ) {}

  /** Component id → status, for the names the page knows. */
  async resolve(statuses: Readonly<Record<string, string>>): Promise<Record<string, string>> {
    const names = Object.keys(statuses);
    if (names.length === 0) return {};
    const age = performance.now() - this.fetchedAt;
    const missing = names.some((name) => !this.ids.has(key(name)));
    if (age > (this.options.ttlMs ?? 300_000) || (missing && age > (this.options.missRefreshMs ?? 60_000))) await this.refresh();
    const resolved: Record<string, string> = {};
    for (const name of names) {
      const id = this.ids.get(key(name));
      if (id) resolved[id] = statuses[name]!;
      else this.warnOnce(name);
    }
    return resolved;
  }

  private async refresh(): Promise<void> {
    const components = await this.client.listComponents();
    this.ids = new Map(components.filter((c) => c.group !== true).map((c) => [key(c.name), c.id]));
    this.fetchedAt = performance.now();
  }

  private warnOnce(name: string): void {
    if (this.warned.has(key(name))) return;
    this.warned.add(key(name));
    this.log.warn({ component: name }, "status page has no component of this name; left out of the update");
  }
}

import type { SelfTestProbe } from "../../app/self-test/probe.js";
import type { StatuspageClient } from "./client.js";

/**
 * Statuspage, read only: the page (proves the key and STATUSPAGE_PAGE_ID) and
 * its components. Nothing is created, so subscribers see nothing.
 */
export function statuspageSelfTestProbe(client: StatuspageClient): SelfTestProbe {
  return {
    integration: "statuspage",
    upstream: "statuspage",
    plan: () => [
      {
        name: "statuspage.page",
        async run() {
          const page = await client.getPage();
          return `page ${page.name ? `"${page.name}" ` : ""}(${page.id}) readable with the key`;
        },
      },
      {
        name: "statuspage.components",
        async run() {
          const components = await client.listComponents();
          return `${components.length} component${components.length === 1 ? "" : "s"}`;
        },
      },
    ],
  };
}

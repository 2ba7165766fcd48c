import { followUpRoutes } from "./adapters/http/routes/follow-ups.js";
import { importRoutes } from "./adapters/http/routes/imports.js";
import { postmortemRoutes } from "./adapters/http/routes/postmortems.js";
import { reportRoutes } from "./adapters/http/routes/reports.js";
import type { IntegrationFactory } from "./integration.js";

/**
 * After the incident: postmortem drafts, follow-ups, the reliability report and
 * the import of past incidents. Always on; it needs nothing but the database.
 */
export const reportingIntegration: IntegrationFactory = () => ({
  name: "reporting",
  routes: [postmortemRoutes, reportRoutes, importRoutes, followUpRoutes],
});

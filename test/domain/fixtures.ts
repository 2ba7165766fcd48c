import type { Actor } from "../../src/domain/actor.js";
import type { Incident } from "../../src/domain/incident.js";

export const T0 = new Date("2026-11-25T09:00:00.000Z");

export function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    number: 42,
    title: "Checkout errors",
    description: "",
    severity: 2,
    phase: "investigating",
    public: false,
    private: false,
    mode: "live",
    source: null,
    provider: null,
    causes: [],
    components: [],
    commander: "UCMD",
    communications: "UCOMMS",
    declaredBy: "UDECL",
    channelId: null,
    channelName: null,
    headerTs: null,
    statuspageIncidentId: null,
    statuspageState: "none",
    pagerdutyIncidentId: null,
    pagerdutyUrl: null,
    pagerdutyServiceId: null,
    declaredAt: T0,
    identifiedAt: null,
    monitoringAt: null,
    resolvedAt: null,
    impactStartedAt: null,
    impactEndedAt: null,
    lastUpdateAt: null,
    nextUpdateDueAt: null,
    commanderSince: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export const commander: Actor = { id: "UCMD", via: "slack", isAdmin: false };
export const comms: Actor = { id: "UCOMMS", via: "slack", isAdmin: false };
export const bystander: Actor = { id: "UBYST", via: "slack", isAdmin: false };
export const adminActor: Actor = { id: "UADMIN", via: "slack", isAdmin: true };

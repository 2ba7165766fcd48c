import { describe, expect, it } from "vitest";
import { peopleIn } from "../../src/adapters/http/people.js";
import type { PeopleNames } from "../../src/app/ports.js";

describe("people named in an API answer", () => {
  const answer = {
    incident: { commander: "U0ALEX001", communications: null, title: "Mentions <@U0BOB0001|bob> and api:ci-bot" },
    entries: [{ actor: "W0CAROL01", summary: "Commander: U0ALEX001" }],
  };

  it("names every Slack user the answer mentions, as an id or in a mention, and leaves out those Slack does not know", async () => {
    const names: PeopleNames = { nameOf: async (id) => ({ U0ALEX001: "alex", W0CAROL01: "Carol Diaz" })[id] ?? null };
    expect(await peopleIn(names, answer)).toEqual({ U0ALEX001: "alex", W0CAROL01: "Carol Diaz" });
    expect(await peopleIn(undefined, answer)).toEqual({});
  });

  it("does not wait on a lookup that hangs: the names known by then are given", async () => {
    const names: PeopleNames = {
      nameOf: (id) => (id === "U0BOB0001" ? new Promise<string | null>(() => undefined) : Promise.resolve(id.toLowerCase())),
    };
    expect(await peopleIn(names, answer)).toEqual({ U0ALEX001: "u0alex001", W0CAROL01: "w0carol01" });
  });
});

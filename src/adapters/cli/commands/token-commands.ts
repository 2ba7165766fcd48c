import type { Command } from "commander";
import { userArg } from "../args.js";
import type { CommandContext } from "../context.js";
import { table, utc } from "../format.js";

interface TokenJson {
  name: string;
  role: string;
  privateAccess: boolean;
  user: string | null;
  createdAt: string;
  token?: string;
}

/** token create|list|revoke (admin token needed). */
export function registerTokenCommands(program: Command, context: CommandContext): void {
  const token = program.command("token").description("manage API tokens (needs an admin token)");
  token
    .command("create")
    .description("create a token; it is shown once")
    .argument("<name>", "a name for the token, e.g. ci-bot")
    .option("--role <role>", "admin, responder or viewer", "responder")
    .option("--user <user>", "the Slack user id a responder or viewer token acts as", userArg)
    .option("--private-access", "may see private incidents", false)
    .action(async (name: string, options: { role: string; user?: string; privateAccess: boolean }) => {
      const { client, out } = context();
      const body = { name, role: options.role, user: options.user, privateAccess: options.privateAccess };
      const result = await client.post<TokenJson>("/api/v1/tokens", body);
      out.show(result, () => `${result.token}\n(shown once: store it now)`);
    });
  token
    .command("list")
    .description("list tokens (never their values)")
    .action(async () => {
      const { client, out } = context();
      const result = await client.get<{ tokens: TokenJson[] }>("/api/v1/tokens");
      out.show(result, () =>
        table(
          ["NAME", "ROLE", "ACTS AS", "PRIVATE", "CREATED"],
          result.tokens.map((t) => [t.name, t.role, t.user ?? `api:${t.name}`, t.privateAccess ? "yes" : "no", utc(t.createdAt)]),
        ),
      );
    });
  token
    .command("revoke")
    .description("revoke a token")
    .argument("<name>", "token name")
    .action(async (name: string) => {
      const { client, out } = context();
      await client.request("DELETE", `/api/v1/tokens/${encodeURIComponent(name)}`);
      out.print(`Token ${name} revoked.`);
    });
}

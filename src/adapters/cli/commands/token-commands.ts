import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { table, utc } from "../format.js";

interface TokenJson {
  name: string;
  role: string;
  privateAccess: boolean;
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
    .option("--private-access", "may see private incidents", false)
    .action(async (name: string, options: { role: string; privateAccess: boolean }) => {
      const { client, out } = context();
      const result = await client.post<TokenJson>("/api/v1/tokens", { name, role: options.role, privateAccess: options.privateAccess });
      if (out.json) out.printJson(result);
      else out.print(`${result.token}\n(shown once: store it now)`);
    });
  token
    .command("list")
    .description("list tokens (never their values)")
    .action(async () => {
      const { client, out } = context();
      const result = await client.get<{ tokens: TokenJson[] }>("/api/v1/tokens");
      if (out.json) out.printJson(result);
      else
        out.print(
          table(
            ["NAME", "ROLE", "PRIVATE", "CREATED"],
            result.tokens.map((t) => [t.name, t.role, t.privateAccess ? "yes" : "no", utc(t.createdAt)]),
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

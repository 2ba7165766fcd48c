import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** One Slack Web API method called in the code, and where. */
export interface SlackCall {
  readonly method: string;
  readonly at: string;
}

/**
 * Every Slack Web API call in `root`'s TypeScript files, found with the
 * TypeScript parser: `<anything>.<family>.<method>(…)` (and
 * `<family>.<group>.<method>`) where the family is one of Slack's
 * (`chat`, `conversations`, …), plus `apiCall("family.method")` and
 * `paginate("family.method")`; the families are those of the `documented`
 * methods, so an undocumented method in a Slack family is still found. Syntax only, so it also sees calls on clients
 * that are typed loosely.
 */
export function slackApiCalls(root: string, documented: ReadonlySet<string>): SlackCall[] {
  const families = new Set([...documented].map((m) => m.split(".")[0]!));
  return sourceFiles(root).flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const calls: SlackCall[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const method = calledMethod(node, families, documented);
        if (method !== null) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart());
          calls.push({ method, at: `${file}:${line + 1}` });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return calls;
  });
}

/** `answer.users.map(…)` maps an array of users: a family followed by an array method is a Slack call only if Slack documents it (`conversations.join`). */
const ARRAY_METHODS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Array.prototype));

function calledMethod(call: ts.CallExpression, families: ReadonlySet<string>, documented: ReadonlySet<string>): string | null {
  const chain = propertyChain(call.expression);
  const last = chain.at(-1);
  const [first] = call.arguments;
  if ((last === "apiCall" || last === "paginate") && first && ts.isStringLiteralLike(first)) return first.text;
  // `client.chat.postMessage` → [client, chat, postMessage]; `client.usergroups.users.list` → 4 names.
  for (const length of [2, 3]) {
    if (chain.length <= length) continue;
    const names = chain.slice(-length);
    const method = names.join(".");
    if (families.has(names[0]!) && (documented.has(method) || !ARRAY_METHODS.has(names.at(-1)!))) return method;
  }
  return null;
}

/** `a.b.c` → ["a", "b", "c"]; anything that is not a plain property chain ends it. */
function propertyChain(expression: ts.Expression): string[] {
  if (ts.isPropertyAccessExpression(expression)) return [...propertyChain(expression.expression), expression.name.text];
  if (ts.isIdentifier(expression)) return [expression.text];
  if (expression.kind === ts.SyntaxKind.ThisKeyword) return ["this"];
  return ["(expression)"];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

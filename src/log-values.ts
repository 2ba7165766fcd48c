/**
 * Turns anything a log line carries into plain JSON-safe values before the
 * logger masks secrets in it: errors become their message, stack, cause chain
 * and what the upstream answered (status, code), never their request config
 * (axios keeps the API key there). Circular references, BigInt values and
 * throwing getters never make logging throw.
 */

const MAX_DEPTH = 8;
const MAX_CAUSES = 5;

type Plain = null | boolean | number | string | Plain[] | { [key: string]: Plain };

/** A copy of `value` made of plain JSON values, with every string passed through `mask`. */
export function loggableValue(value: unknown, mask: (text: string) => string): Plain {
  return toPlain(value, mask, new WeakSet(), 0);
}

function toPlain(value: unknown, mask: (text: string) => string, seen: WeakSet<object>, depth: number): Plain {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "string":
      return mask(value);
    case "number":
      return Number.isFinite(value) ? value : String(value);
    case "boolean":
      return value;
    case "bigint":
      return value.toString();
    case "symbol":
    case "function":
      return null;
  }
  const object = value as object;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (seen.has(object)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Too deep]";
  seen.add(object);
  try {
    if (object instanceof Error) return errorFields(object, mask, seen, depth);
    if (Array.isArray(object)) return object.map((item) => toPlain(item, mask, seen, depth + 1));
    if (Buffer.isBuffer(object)) return `[Buffer ${object.length} bytes]`;
    if (object instanceof Map) return toPlain(Object.fromEntries(object), mask, seen, depth + 1);
    if (object instanceof Set) return toPlain([...object], mask, seen, depth + 1);
    const out: { [key: string]: Plain } = {};
    for (const key of Object.keys(object)) {
      const field = readField(object, key);
      if (field !== undefined) out[key] = toPlain(field, mask, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(object);
  }
}

/** What an error says: its kind, message, stack, the upstream's answer, and its causes (a chain, bounded). */
function errorFields(error: Error, mask: (text: string) => string, seen: WeakSet<object>, depth: number): Plain {
  const plain = (v: unknown) => toPlain(v, mask, seen, depth + 1);
  const out: { [key: string]: Plain } = { type: plain(error.name), message: plain(error.message), stack: plain(error.stack) };
  for (const [key, field] of Object.entries(upstreamFields(error))) if (field !== undefined) out[key] = plain(field);
  if (error instanceof AggregateError) out.errors = plain(error.errors.slice(0, MAX_CAUSES));
  const cause = readField(error, "cause");
  if (cause !== undefined) out.cause = depth < MAX_CAUSES ? plain(cause) : "[More causes]";
  return out;
}

/**
 * The fields of our own errors (SitrepError, UpstreamError) and of the SDKs'
 * (axios, @slack/web-api, pdjs, node's system errors) that say what went wrong.
 */
function upstreamFields(error: Error): Record<string, unknown> {
  const e = error as unknown as Record<string, unknown>;
  const response = readField(e, "response") as Record<string, unknown> | undefined;
  const data = (readField(e, "data") ?? (response && readField(response, "data"))) as Record<string, unknown> | undefined;
  const options = readField(e, "options") as Record<string, unknown> | undefined;
  const status = readField(e, "status") ?? readField(e, "statusCode") ?? (response && readField(response, "status")) ?? options?.status;
  return {
    code: readField(e, "code"),
    status,
    upstream: typeof e.upstream === "string" ? e.upstream : undefined,
    retryable: options && typeof options.retryable === "boolean" ? options.retryable : undefined,
    field: readField(e, "field"),
    internal: readField(e, "internal"),
    // Slack's `{ ok: false, error: "invalid_auth" }`, Statuspage's `{ error }`, PagerDuty's `{ error: { message } }`.
    upstreamError: data && typeof data === "object" ? readField(data, "error") : undefined,
    syscall: readField(e, "syscall"),
    address: readField(e, "address"),
  };
}

/** A property, or undefined when reading it throws (a getter may). */
function readField(object: object, key: string): unknown {
  try {
    return (object as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

import { z } from "zod";
import { isSitrepError } from "../../../../domain/errors.js";
import type { Logger } from "../../../../logger.js";
import { errorText } from "../listener-context.js";

/** The values of a submitted modal, by block id and action id, as Slack sends them. */
export const viewStateSchema = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({
      type: z.string(),
      value: z.string().nullish(),
      selected_option: z.object({ value: z.string() }).nullish(),
      selected_options: z.array(z.object({ value: z.string() })).nullish(),
    }),
  ),
);

export type ViewState = z.infer<typeof viewStateSchema>;

export function textValue(state: ViewState, field: { block: string; action: string }): string {
  return state[field.block]?.[field.action]?.value ?? "";
}

export function selectedValue(state: ViewState, field: { block: string; action: string }): string | null {
  return state[field.block]?.[field.action]?.selected_option?.value ?? null;
}

export function checkedValues(state: ViewState, field: { block: string; action: string }): string[] {
  return (state[field.block]?.[field.action]?.selected_options ?? []).map((o) => o.value);
}

export function metadataOf<T extends z.ZodType>(schema: T, raw: string): z.infer<T> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * A refused submission keeps the modal open with the reason under the field
 * at fault (or under `fallbackBlock`), so nothing typed is lost.
 */
export function errorsAck(error: unknown, log: Logger, fieldBlocks: Record<string, string>, fallbackBlock: string) {
  const block = isSitrepError(error) && error.field ? (fieldBlocks[error.field] ?? fallbackBlock) : fallbackBlock;
  // Modal errors are plain text: mentions become @U… instead of escaped markup.
  const text = isSitrepError(error) ? error.message.replace(/<@([UW][A-Z0-9]+)>/g, "@$1") : errorText(error, log).replace(/^:\w+: /, "");
  return { response_action: "errors" as const, errors: { [block]: text.slice(0, 300) } };
}

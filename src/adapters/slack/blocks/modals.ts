import type { Incident } from "../../../domain/incident.js";
import { PHASE_LABELS, type Phase } from "../../../domain/phase.js";
import { SEVERITIES, SEVERITY_MEANINGS, severityLabel } from "../../../domain/severity.js";
import { TITLE_MAX } from "../../../domain/validation.js";
import { VIEW } from "./action-ids.js";
import { cut, LIMITS, option, plain, section, userText, type Block } from "./kit.js";

/** Block and action ids of the modals' inputs; the view listeners read the same ids. */
export const FIELD = {
  title: { block: "title", action: "title_input" },
  severity: { block: "severity", action: "severity_select" },
  description: { block: "description", action: "description_input" },
  options: { block: "options", action: "options_checkboxes" },
  components: { block: "components", action: "components_input" },
  text: { block: "text", action: "text_input" },
  force: { block: "force", action: "force_checkbox" },
  incident: { block: "incident", action: "incident_select" },
} as const;

export interface Modal {
  readonly type: "modal";
  readonly callback_id: string;
  readonly private_metadata: string;
  readonly title: { type: "plain_text"; text: string };
  readonly submit: { type: "plain_text"; text: string };
  readonly close: { type: "plain_text"; text: string };
  readonly blocks: Block[];
}

function modal(callbackId: string, title: string, submit: string, metadata: unknown, blocks: Block[]): Modal {
  const short = (text: string) => ({ type: "plain_text" as const, text: cut(text, LIMITS.modalTitle) });
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: JSON.stringify(metadata).slice(0, LIMITS.privateMetadata),
    title: short(title),
    submit: short(submit),
    close: short("Cancel"),
    blocks: blocks.slice(0, LIMITS.blocksPerView),
  };
}

function input(
  field: { block: string; action: string },
  label: string,
  element: Record<string, unknown>,
  optional = false,
  hint?: string,
): Block {
  return {
    type: "input",
    block_id: field.block,
    label: plain(label, LIMITS.inputLabel),
    optional,
    element: { ...element, action_id: field.action },
    ...(hint ? { hint: plain(hint, LIMITS.inputHint) } : {}),
  };
}

const textInput = (options: { multiline?: boolean; initial?: string; max?: number; placeholder?: string } = {}) => ({
  type: "plain_text_input",
  multiline: options.multiline ?? false,
  max_length: options.max ?? LIMITS.plainInput,
  ...(options.initial ? { initial_value: options.initial.slice(0, options.max ?? LIMITS.plainInput) } : {}),
  ...(options.placeholder ? { placeholder: plain(options.placeholder, 150) } : {}),
});

/** What customers see of a declaration, said beside each field (the status page shows only these). */
export const PUBLIC_FIELD_HINTS = {
  title: "Public: shown on the status page when the incident is customer-facing.",
  description: "Internal: never shown to customers. They see only status updates and each phase's standard wording.",
  components: "Public: shown on the status page when the incident is customer-facing.",
} as const;

/** `/incident` with no text: everything a declaration needs, severities with their meaning and which fields are public. */
export function declareModal(originChannel: string): Modal {
  const severities = SEVERITIES.map((s) => option(severityLabel(s), String(s), SEVERITY_MEANINGS[s]));
  return modal(VIEW.declare, "Declare an incident", "Declare", { channel: originChannel }, [
    input(
      FIELD.title,
      "What is wrong?",
      textInput({ max: TITLE_MAX, placeholder: "Checkout errors in eu-west-1" }),
      false,
      PUBLIC_FIELD_HINTS.title,
    ),
    input(FIELD.severity, "Severity", { type: "static_select", options: severities, initial_option: severities[2] }),
    input(FIELD.description, "What do you see?", textInput({ multiline: true }), true, PUBLIC_FIELD_HINTS.description),
    input(
      FIELD.options,
      "Visibility",
      {
        type: "checkboxes",
        options: [
          option("Customer-facing", "public", "Put it on the status page"),
          option("Private (security)", "private", "Private channel, no announcement"),
        ],
      },
      true,
    ),
    input(
      FIELD.components,
      "Affected components",
      textInput({ placeholder: "API, Checkout (comma-separated)", max: 500 }),
      true,
      PUBLIC_FIELD_HINTS.components,
    ),
  ]);
}

/** The status-update form, prefilled with the template for the incident's phase. */
export function updateModal(incident: Incident, template: string, channel?: string): Modal {
  return modal(VIEW.statusUpdate, "Post a status update", "Post", { incident: incident.number, channel }, [
    section(`*#${incident.number} ${userText(incident.title)}* · ${PHASE_LABELS[incident.phase]}`),
    input(FIELD.text, "Status update", textInput({ multiline: true, initial: template })),
  ]);
}

/** A phase change from the header's buttons: the text becomes the status update of the new phase. */
export function phaseModal(incident: Incident, phase: Phase, template: string, channel?: string): Modal {
  const blocks = [
    section(`*#${incident.number} ${userText(incident.title)}*: ${PHASE_LABELS[incident.phase]} → *${PHASE_LABELS[phase]}*`),
    input(FIELD.text, "Status update", textInput({ multiline: true, initial: template })),
  ];
  if (phase === "resolved" && incident.phase === "monitoring") {
    blocks.push(
      input(FIELD.force, "Monitoring window", { type: "checkboxes", options: [option("Resolve before it ends", "force")] }, true),
    );
  }
  return modal(VIEW.phase, `Move to ${PHASE_LABELS[phase]}`, PHASE_LABELS[phase], { incident: incident.number, phase, channel }, blocks);
}

export interface CaptureTarget {
  readonly channel: string;
  readonly ts: string;
  readonly author: string;
  /** Absent when the message is too long to carry: it is read again from Slack on submit. */
  readonly text?: string;
}

/**
 * What the capture form carries in private_metadata (at most 3000 characters):
 * the message's reference, and its text only when all of it fits once
 * JSON-encoded. A long text is never cut (a cut could break the JSON, and lose
 * the message's end); it is read again on submit instead.
 */
export function captureMetadata(target: CaptureTarget): CaptureTarget {
  const withText = JSON.stringify(target);
  if (target.text === undefined || withText.length <= LIMITS.privateMetadata) return target;
  return { channel: target.channel, ts: target.ts, author: target.author };
}

/** The message shortcut used outside an incident channel: pick the incident the message belongs to. */
export function captureModal(target: CaptureTarget, incidents: readonly Incident[]): Modal {
  const options = incidents.slice(0, 100).map((i) => option(`#${i.number} ${i.title}`, String(i.number)));
  const blocks: Block[] =
    options.length > 0
      ? [input(FIELD.incident, "Incident", { type: "static_select", options })]
      : [section("There are no open incidents to add this message to.")];
  return modal(VIEW.capture, "Add to incident timeline", "Add", captureMetadata(target), blocks);
}

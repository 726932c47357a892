import { z } from 'zod';
import { SLACK_ACTION_IDS, SLACK_WARNING_ACTION_IDS } from '../render/actions';
import type { ChatCommand } from '../commands/parse-command';
import { parseDuration } from '../commands/parse-command';

/**
 * The two Slack request bodies pull-doctor accepts, parsed once here after the signature passed.
 * Slash command: https://api.slack.com/interactivity/slash-commands (form fields);
 * block_actions: https://api.slack.com/reference/interaction-payloads/block-actions (form field `payload`, JSON).
 */
const SLACK_ID = /^[A-Z0-9][A-Z0-9_.-]{1,40}$/;
const slackId = z.string().regex(SLACK_ID, 'must be a Slack id');

export const SlashCommandSchema = z.object({
  team_id: slackId,
  channel_id: slackId,
  user_id: slackId,
  user_name: z.string().max(200).optional(),
  command: z.string().max(100),
  text: z.string().max(4000).default(''),
  response_url: z.string().url(),
  trigger_id: z.string().min(1).max(200),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

export const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: slackId, username: z.string().max(200).optional(), name: z.string().max(200).optional() }),
  team: z.object({ id: slackId }).nullish(),
  channel: z.object({ id: slackId }).nullish(),
  // App Home (a view) sends no response_url: https://api.slack.com/reference/interaction-payloads/block-actions
  response_url: z.string().url().optional(),
  trigger_id: z.string().min(1).max(200),
  container: z.object({ type: z.string().max(40) }).passthrough().nullish(),
  actions: z
    .array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional(), action_ts: z.string().max(40).optional() }))
    .min(1),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

function issues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}

export function parseSlashCommand(rawBody: string): { ok: true; value: SlashCommand } | { ok: false; error: string } {
  const form = Object.fromEntries(new URLSearchParams(rawBody));
  const parsed = SlashCommandSchema.safeParse(form);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `malformed slash command: ${issues(parsed.error)}` };
}

/** Interactions other than buttons (shortcuts, view submissions): acknowledged, answered where Slack allows. */
const OtherInteractionSchema = z.object({ type: z.string().max(60), response_url: z.string().url().optional() }).passthrough();

export type ParsedInteraction =
  | { ok: true; value: BlockActions }
  | { ok: false; error: string; other?: undefined }
  | { ok: false; error: string; other: { type: string; response_url?: string } };

export function parseBlockActions(rawBody: string): ParsedInteraction {
  const payload = new URLSearchParams(rawBody).get('payload');
  if (!payload) return { ok: false, error: 'malformed interaction: no payload field' };
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, error: 'malformed interaction: payload is not JSON' };
  }
  const other = OtherInteractionSchema.safeParse(json);
  if (other.success && other.data.type !== 'block_actions') {
    return { ok: false, error: `interaction type ${JSON.stringify(other.data.type.slice(0, 40))} is not a button`, other: { type: other.data.type, ...(other.data.response_url ? { response_url: other.data.response_url } : {}) } };
  }
  const parsed = BlockActionsSchema.safeParse(json);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: `malformed interaction: ${issues(parsed.error)}` };
}

const INCIDENT_ID = /^[0-9a-f]{32}$/;

/** The buttons of an "at risk" warning (issue 18): the value is the warning id. Undefined for any other button. */
function warningCommandOfAction(action: { action_id: string; value?: string }): { ok: true; command: ChatCommand } | { ok: false; error: string } | undefined {
  const ids: string[] = Object.values(SLACK_WARNING_ACTION_IDS);
  if (!ids.includes(action.action_id)) return undefined;
  const warning = action.value ?? '';
  if (!INCIDENT_ID.test(warning)) return { ok: false, error: 'the button carries no valid warning id' };
  if (action.action_id === SLACK_WARNING_ACTION_IDS.recheck) return { ok: true, command: { verb: 'warning-recheck', warning } };
  if (action.action_id === SLACK_WARNING_ACTION_IDS.intended) return { ok: true, command: { verb: 'warning-intended', warning } };
  return { ok: true, command: { verb: 'warning-mute', duration: '24h', durationMs: 24 * 3600_000, warning } };
}

/** A button of a diagnosis message → the command it stands for (lib/render/actions.ts is the contract). */
export function commandOfAction(action: { action_id: string; value?: string }): { ok: true; command: ChatCommand } | { ok: false; error: string } {
  const warning = warningCommandOfAction(action);
  if (warning) return warning;
  const incident = action.value ?? '';
  if (!INCIDENT_ID.test(incident)) return { ok: false, error: 'the button carries no valid incident id (the message may be from an older pull-doctor)' };
  const mute = (duration: string): ChatCommand => {
    const parsed = parseDuration(duration);
    return { verb: 'mute', duration, durationMs: parsed.ok ? parsed.ms : 3600_000, incident };
  };
  switch (action.action_id) {
    case SLACK_ACTION_IDS.recheck:
      return { ok: true, command: { verb: 'recheck', incident } };
    case SLACK_ACTION_IDS.mute1h:
      return { ok: true, command: mute('1h') };
    case SLACK_ACTION_IDS.mute24h:
      return { ok: true, command: mute('24h') };
    case SLACK_ACTION_IDS.resolve:
      return { ok: true, command: { verb: 'resolve', incident } };
    case SLACK_ACTION_IDS.showChecks:
      return { ok: true, command: { verb: 'why', incident } };
    default:
      return { ok: false, error: `unknown button ${JSON.stringify(action.action_id.slice(0, 40))}` };
  }
}

/**
 * The buttons under every diagnosis. Slack `action_id`s and Adaptive Card verbs are a contract with
 * the reply handlers (issue 7: lib/chat-commands), which import them from here.
 */

export const SLACK_ACTION_IDS = {
  recheck: 'pd_recheck',
  mute1h: 'pd_mute_1h',
  mute24h: 'pd_mute_24h',
  resolve: 'pd_resolve',
  showChecks: 'pd_show_checks',
} as const;

/** Buttons of an "at risk" warning (issue 18): the value / `data.warningId` is the warning id. */
export const SLACK_WARNING_ACTION_IDS = {
  recheck: 'pd_warning_recheck',
  mute: 'pd_warning_mute_24h',
  intended: 'pd_warning_intended',
} as const;

export type CardVerb = 'recheck' | 'mute' | 'resolve' | 'show_checks' | 'warning_recheck' | 'warning_mute' | 'warning_intended';

/** `data` of an Action.Execute / Action.Submit; Action.Submit also carries `verb` (it has no verb field). */
export interface CardActionData {
  incidentId?: string;
  /** Warning buttons carry the warning id instead. */
  warningId?: string;
  /** Mute only: "1h" or "24h". */
  duration?: string;
}

export interface ButtonSpec {
  label: string;
  slackActionId: string;
  verb: CardVerb;
  duration?: string;
  style?: 'primary' | 'danger';
}

export const BUTTONS: ButtonSpec[] = [
  { label: 'Re-check', slackActionId: SLACK_ACTION_IDS.recheck, verb: 'recheck', style: 'primary' },
  { label: 'Mute 1 h', slackActionId: SLACK_ACTION_IDS.mute1h, verb: 'mute', duration: '1h' },
  { label: 'Mute 24 h', slackActionId: SLACK_ACTION_IDS.mute24h, verb: 'mute', duration: '24h' },
  { label: 'Resolve', slackActionId: SLACK_ACTION_IDS.resolve, verb: 'resolve', style: 'danger' },
  { label: 'Show all checks', slackActionId: SLACK_ACTION_IDS.showChecks, verb: 'show_checks' },
];

export const WARNING_BUTTONS: ButtonSpec[] = [
  { label: 'Re-check', slackActionId: SLACK_WARNING_ACTION_IDS.recheck, verb: 'warning_recheck', style: 'primary' },
  { label: 'Mute 24 h', slackActionId: SLACK_WARNING_ACTION_IDS.mute, verb: 'warning_mute', duration: '24h' },
  { label: "It's intended", slackActionId: SLACK_WARNING_ACTION_IDS.intended, verb: 'warning_intended' },
];

/** Which buttons a rendered message carries, and the id they act on. */
export interface ViewActions {
  kind: 'incident' | 'warning';
  id: string;
}

export function buttonsOf(actions: ViewActions): ButtonSpec[] {
  return actions.kind === 'warning' ? WARNING_BUTTONS : BUTTONS;
}

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

export type CardVerb = 'recheck' | 'mute' | 'resolve' | 'show_checks';

/** `data` of an Action.Execute / Action.Submit; Action.Submit also carries `verb` (it has no verb field). */
export interface CardActionData {
  incidentId: string;
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

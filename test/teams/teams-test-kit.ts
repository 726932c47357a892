import type { Activity } from 'botbuilder';

export const CHANNEL = '19:oncall@thread.tacv2';
export const ROOT_ACTIVITY = '1764100000000';
export const THREAD = `${CHANNEL};messageid=${ROOT_ACTIVITY}`;
export const BOT = { id: '28:pull-doctor-bot', name: 'pull-doctor' };
export const ADMIN = { id: '29:alice', aadObjectId: 'aad-admin-1', name: 'Alice' };
export const ONCALL = { id: '29:bob', aadObjectId: 'aad-bob-2', name: 'Bob' };
export const STRANGER = { id: '29:eve', aadObjectId: 'aad-eve-3', name: 'Eve' };

let sequence = 0;

/** A channel message as Teams sends it: the bot @mentioned, in the incident's thread unless told otherwise. */
export function teamsMessage(text: string, options: { from?: typeof ADMIN; conversationId?: string; channelId?: string; serviceUrl?: string; id?: string } = {}): Partial<Activity> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id: options.id ?? `msg-${++sequence}`,
    channelId: 'msteams',
    serviceUrl: options.serviceUrl ?? 'https://smba.trafficmanager.net/teams/',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    from: options.from ?? ONCALL,
    recipient: BOT,
    conversation: { id: options.conversationId ?? THREAD, conversationType: 'channel', isGroup: true, name: '' },
    entities: [{ type: 'mention', mentioned: BOT, text: mention }],
    channelData: { channel: { id: options.channelId ?? CHANNEL }, team: { id: '19:team@thread.tacv2', aadGroupId: '0b4e7c2d-0000-4000-8000-00000000000a' }, tenant: { id: 'tenant-1' } },
  };
}

/** Universal Action (Action.Execute) press on the diagnosis card. */
export function cardExecute(verb: string, data: Record<string, unknown>, from = ONCALL): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `inv-${++sequence}`,
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    from,
    recipient: BOT,
    conversation: { id: THREAD, conversationType: 'channel', isGroup: true, name: '' },
    replyToId: ROOT_ACTIVITY,
    channelData: { channel: { id: CHANNEL }, team: { id: '19:team@thread.tacv2' }, tenant: { id: 'tenant-1' } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** Action.Submit fallback (clients without Universal Actions): a message with value and no text. */
export function cardSubmit(data: Record<string, unknown>, from = ONCALL): Partial<Activity> {
  const activity = teamsMessage('', { from });
  delete activity.text;
  delete activity.entities;
  return { ...activity, value: data };
}

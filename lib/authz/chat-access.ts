/**
 * Who may do what from chat. Two allow-lists from the settings: PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW
 * (diagnose, recheck, why, status) and PULL_DOCTOR_CHAT_ADMIN_ALLOW (also mute and resolve). An
 * empty list allows nobody: chat commands read Azure with pull-doctor's identity, so access is
 * granted explicitly, never by default.
 */

export type ChatPlatform = 'slack' | 'teams';

/** Who sent a chat command, as the platform reported it (after the request was authenticated). */
export interface ChatActor {
  platform: ChatPlatform;
  /** Slack user id (U…/W…); Teams: the user's Entra object id (aadObjectId), else the Bot Framework id. */
  userId: string;
  /** Display name for "resolved by …"; never used for decisions. */
  userName?: string;
  /** Slack channel id (C…/G…/D…); Teams channel id (19:…@thread.tacv2). */
  channelId?: string;
  /** Slack workspace id (T…); Teams team id. */
  teamId?: string;
  /** Entra group object ids known for this actor (Teams: the team's backing group). */
  groups?: string[];
}

export type ChatPermission = 'diagnose' | 'admin';

export interface AllowEntry {
  /** Restricts the entry to one platform; `group` matches only `actor.groups`. */
  scope: ChatPlatform | 'group' | 'any';
  id: string;
}

export interface ChatAccessPolicy {
  diagnose: readonly AllowEntry[];
  admin: readonly AllowEntry[];
}

export type AccessDecision = { allowed: true; matched: string } | { allowed: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `slack:C123`, `teams:19:…@thread.tacv2`, `group:<guid>`, or a bare id (any platform; a bare GUID also matches groups). */
export function parseAllowEntry(text: string): AllowEntry {
  const m = /^(slack|teams|group):(.+)$/i.exec(text.trim());
  if (m) return { scope: m[1]!.toLowerCase() as AllowEntry['scope'], id: m[2]!.trim() };
  return { scope: 'any', id: text.trim() };
}

export function accessPolicyFrom(settings: { PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: readonly string[]; PULL_DOCTOR_CHAT_ADMIN_ALLOW: readonly string[] }): ChatAccessPolicy {
  return {
    diagnose: settings.PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW.filter(Boolean).map(parseAllowEntry),
    admin: settings.PULL_DOCTOR_CHAT_ADMIN_ALLOW.filter(Boolean).map(parseAllowEntry),
  };
}

/** GUIDs (Entra object ids) compare case-insensitively; Slack and Teams ids exactly. */
function sameId(a: string, b: string): boolean {
  return GUID.test(a) && GUID.test(b) ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function matches(entry: AllowEntry, actor: ChatActor): string | undefined {
  const groups = actor.groups ?? [];
  if (entry.scope === 'group') return groups.find((g) => sameId(g, entry.id)) && `group ${entry.id}`;
  if (entry.scope !== 'any' && entry.scope !== actor.platform) return undefined;
  const candidates: Array<[string, string | undefined]> = [
    ['user', actor.userId],
    ['channel', actor.channelId],
    ['team', actor.teamId],
  ];
  for (const [what, id] of candidates) if (id && sameId(id, entry.id)) return `${what} ${id}`;
  if (entry.scope === 'any' && GUID.test(entry.id) && groups.some((g) => sameId(g, entry.id))) return `group ${entry.id}`;
  return undefined;
}

/** Admins may do everything diagnosers may. */
export function authorize(policy: ChatAccessPolicy, actor: ChatActor, permission: ChatPermission): AccessDecision {
  const lists = permission === 'admin' ? [policy.admin] : [policy.diagnose, policy.admin];
  for (const list of lists) {
    for (const entry of list) {
      const matched = matches(entry, actor);
      if (matched) return { allowed: true, matched };
    }
  }
  const setting = permission === 'admin' ? 'PULL_DOCTOR_CHAT_ADMIN_ALLOW' : 'PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW';
  return { allowed: false, reason: `${actor.platform} user ${actor.userId} in channel ${actor.channelId ?? '(none)'} is not in ${setting}` };
}

import { accessPolicyFrom, authorize, parseAllowEntry, type ChatActor } from './chat-access';

/** Edges of the chat allow-lists that mutation testing showed nothing else pinned (issue #20). */
const slackUser: ChatActor = { platform: 'slack', userId: 'U111', channelId: 'C222', teamId: 'T333' };
const teamsUser: ChatActor = {
  platform: 'teams',
  userId: '6a1f2b3c-0000-4000-8000-000000000001',
  channelId: '19:abc@thread.tacv2',
  teamId: '19:team@thread.tacv2',
  groups: ['0B4E7C2D-0000-4000-8000-00000000000A'],
};

describe('chat access edges', () => {
  const policyOf = (diagnose: string[], admin: string[] = []) => accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: diagnose, PULL_DOCTOR_CHAT_ADMIN_ALLOW: admin });

  it.each([
    ['SLACK:C222', { scope: 'slack', id: 'C222' }],
    ['Group: 0b4e7c2d-0000-4000-8000-00000000000a ', { scope: 'group', id: '0b4e7c2d-0000-4000-8000-00000000000a' }],
    ['slack:', { scope: 'any', id: 'slack:' }],
    ['xslack:C222', { scope: 'any', id: 'xslack:C222' }],
    ['discord:C222', { scope: 'any', id: 'discord:C222' }],
  ])('parses %j', (text, entry) => {
    expect(parseAllowEntry(text)).toEqual(entry);
  });

  it('drops empty entries from the settings', () => {
    expect(policyOf(['', 'U111'], ['', 'slack:U1'])).toEqual({ diagnose: [{ scope: 'any', id: 'U111' }], admin: [{ scope: 'slack', id: 'U1' }] });
  });

  it('matches Slack and Teams ids exactly, Entra object ids case-insensitively', () => {
    expect(authorize(policyOf(['u111']), slackUser, 'diagnose').allowed).toBe(false);
    expect(authorize(policyOf(['c222']), slackUser, 'diagnose').allowed).toBe(false);
    expect(authorize(policyOf(['6A1F2B3C-0000-4000-8000-000000000001']), teamsUser, 'diagnose')).toEqual({ allowed: true, matched: 'user 6a1f2b3c-0000-4000-8000-000000000001' });
    // Not a GUID (one digit short, or with anything around it): exact comparison again.
    expect(authorize(policyOf(['6A1F2B3C-0000-4000-8000-00000000000']), { ...teamsUser, userId: '6a1f2b3c-0000-4000-8000-00000000000' }, 'diagnose').allowed).toBe(false);
    expect(authorize(policyOf(['X6A1F2B3C-0000-4000-8000-000000000001']), { ...teamsUser, userId: 'x6a1f2b3c-0000-4000-8000-000000000001' }, 'diagnose').allowed).toBe(false);
    expect(authorize(policyOf(['6A1F2B3C-0000-4000-8000-000000000001X']), { ...teamsUser, userId: '6a1f2b3c-0000-4000-8000-000000000001x' }, 'diagnose').allowed).toBe(false);
  });

  it('matches the workspace or team id', () => {
    expect(authorize(policyOf(['T333']), slackUser, 'diagnose')).toEqual({ allowed: true, matched: 'team T333' });
    expect(authorize(policyOf(['teams:19:team@thread.tacv2']), teamsUser, 'diagnose')).toEqual({ allowed: true, matched: 'team 19:team@thread.tacv2' });
  });

  it('a platform-prefixed entry matches only that platform', () => {
    expect(authorize(policyOf(['teams:U111']), slackUser, 'diagnose').allowed).toBe(false);
    expect(authorize(policyOf(['slack:U111']), slackUser, 'diagnose').allowed).toBe(true);
  });

  it('a bare GUID also matches a group; a bare non-GUID id never does', () => {
    expect(authorize(policyOf(['0b4e7c2d-0000-4000-8000-00000000000a']), teamsUser, 'diagnose')).toEqual({ allowed: true, matched: 'group 0b4e7c2d-0000-4000-8000-00000000000a' });
    expect(authorize(policyOf(['ops-team']), { ...slackUser, groups: ['ops-team'] }, 'diagnose').allowed).toBe(false);
    expect(authorize(policyOf(['group:ops-team']), { ...slackUser, groups: ['ops-team'] }, 'diagnose').allowed).toBe(true);
    expect(authorize(policyOf(['group:0b4e7c2d-0000-4000-8000-00000000000a']), { ...slackUser, userId: '0b4e7c2d-0000-4000-8000-00000000000a' }, 'diagnose').allowed).toBe(false);
  });

  it('an actor without channel, team or groups matches only by user', () => {
    const bare: ChatActor = { platform: 'slack', userId: 'U111' };
    expect(authorize(policyOf(['C222', 'group:g1', 'U111']), bare, 'diagnose')).toEqual({ allowed: true, matched: 'user U111' });
    expect(authorize(policyOf(['C222']), bare, 'diagnose')).toEqual({ allowed: false, reason: 'slack user U111 in channel (none) is not in PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW' });
  });

  it('says which setting refused an admin command', () => {
    expect(authorize(policyOf(['U111']), slackUser, 'admin')).toEqual({ allowed: false, reason: 'slack user U111 in channel C222 is not in PULL_DOCTOR_CHAT_ADMIN_ALLOW' });
  });

  it('a bare id is trimmed; a platform-prefixed GUID never matches a group', () => {
    expect(parseAllowEntry('  U111  ')).toEqual({ scope: 'any', id: 'U111' });
    expect(authorize(policyOf(['slack:0b4e7c2d-0000-4000-8000-00000000000a']), { ...slackUser, groups: ['0b4e7c2d-0000-4000-8000-00000000000a'] }, 'diagnose').allowed).toBe(false);
  });

  it('a bare GUID matches one of several groups', () => {
    const groups = ['11111111-0000-4000-8000-000000000000', '0b4e7c2d-0000-4000-8000-00000000000a'];
    expect(authorize(policyOf(['0b4e7c2d-0000-4000-8000-00000000000a']), { ...slackUser, groups }, 'diagnose')).toEqual({ allowed: true, matched: 'group 0b4e7c2d-0000-4000-8000-00000000000a' });
  });

  it('takes the first matching entry', () => {
    expect(authorize(policyOf(['U999', 'C222', 'U111']), slackUser, 'diagnose')).toEqual({ allowed: true, matched: 'channel C222' });
  });
});

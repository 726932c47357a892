import { accessPolicyFrom, authorize, parseAllowEntry, type ChatActor } from './chat-access';

const slackUser: ChatActor = { platform: 'slack', userId: 'U111', channelId: 'C222', teamId: 'T333' };
const teamsUser: ChatActor = {
  platform: 'teams',
  userId: '6a1f2b3c-0000-4000-8000-000000000001',
  channelId: '19:abc@thread.tacv2',
  teamId: '19:team@thread.tacv2',
  groups: ['0B4E7C2D-0000-4000-8000-00000000000A'],
};

describe('chat access', () => {
  it('parses prefixed and bare entries', () => {
    expect(parseAllowEntry(' slack:C222 ')).toEqual({ scope: 'slack', id: 'C222' });
    expect(parseAllowEntry('teams:19:abc@thread.tacv2')).toEqual({ scope: 'teams', id: '19:abc@thread.tacv2' });
    expect(parseAllowEntry('group:0b4e7c2d-0000-4000-8000-00000000000a')).toEqual({ scope: 'group', id: '0b4e7c2d-0000-4000-8000-00000000000a' });
    expect(parseAllowEntry('U111')).toEqual({ scope: 'any', id: 'U111' });
  });

  it('allows nobody when the lists are empty', () => {
    const policy = accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: [], PULL_DOCTOR_CHAT_ADMIN_ALLOW: [] });
    const decision = authorize(policy, slackUser, 'diagnose');
    expect(decision).toEqual({ allowed: false, reason: expect.stringContaining('PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW') });
  });

  it('matches Slack channel, user and workspace ids, only on Slack when prefixed', () => {
    const policy = accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: ['slack:C222'], PULL_DOCTOR_CHAT_ADMIN_ALLOW: ['U111'] });
    expect(authorize(policy, slackUser, 'diagnose')).toEqual({ allowed: true, matched: 'channel C222' });
    expect(authorize(policy, slackUser, 'admin')).toEqual({ allowed: true, matched: 'user U111' });
    expect(authorize(policy, { ...slackUser, userId: 'U999' }, 'admin').allowed).toBe(false);
    // A Teams actor whose channel id happened to equal a Slack-prefixed entry is not allowed.
    expect(authorize(policy, { ...teamsUser, channelId: 'C222' }, 'diagnose').allowed).toBe(false);
  });

  it('admins may diagnose; diagnosers may not administer', () => {
    const policy = accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: ['C222'], PULL_DOCTOR_CHAT_ADMIN_ALLOW: ['teams:19:abc@thread.tacv2'] });
    expect(authorize(policy, teamsUser, 'diagnose').allowed).toBe(true);
    expect(authorize(policy, slackUser, 'admin').allowed).toBe(false);
  });

  it('matches Entra groups case-insensitively, and only through groups', () => {
    const policy = accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: ['group:0b4e7c2d-0000-4000-8000-00000000000a'], PULL_DOCTOR_CHAT_ADMIN_ALLOW: [] });
    expect(authorize(policy, teamsUser, 'diagnose')).toEqual({ allowed: true, matched: 'group 0b4e7c2d-0000-4000-8000-00000000000a' });
    expect(authorize(policy, { ...teamsUser, groups: [] }, 'diagnose').allowed).toBe(false);
    expect(authorize(policy, { ...teamsUser, userId: '0b4e7c2d-0000-4000-8000-00000000000a', groups: [] }, 'diagnose').allowed).toBe(false);
  });
});

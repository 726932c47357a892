import { HttpRequest } from '@azure/functions';
import { createTeamsMessagesHandler, type TeamsBotParts } from '../../functions/teams-messages';
import { commandServicesFrom } from '../../lib/commands/command-services';
import { readSettings } from '../../lib/config/settings';
import { createServices } from '../../lib/app/create-services';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { createBotAdapter } from '../../lib/teams/teams-http';
import { createTeamsBot } from '../../lib/teams/teams-bot';
import { RecordingLogger } from '../commands/command-fixtures';
import { startLocalJwks, type LocalJwks } from '../helpers/local-jwks';
import { invocation } from '../slack/slack-test-kit';
import { teamsMessage } from '../teams/teams-test-kit';

/**
 * Attack: forged Bot Framework requests. The JWT is checked before the activity is parsed (an
 * unauthenticated body is never parsed), and a token that fails its signature check is 401, not
 * 500. The Bot Framework's OpenID metadata is served locally; nothing reaches login.botframework.com.
 */
const APP_ID = '00000000-0000-0000-0000-0000000000b0';
const BF_ISSUER = 'https://api.botframework.com';

let jwks: LocalJwks;
beforeAll(async () => {
  jwks = await startLocalJwks({ issuer: BF_ISSUER, endorsements: ['msteams'] });
});
afterAll(() => jwks.close());

function parts(): { parts: TeamsBotParts; services: ReturnType<typeof createServices> } {
  const log = new RecordingLogger();
  const services = createServices({}, { store: new MemoryIncidentStore(), queue: new MemoryJobQueue(), log });
  const settings = readSettings({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret-0000', MicrosoftAppType: 'MultiTenant' });
  return { parts: { adapter: createBotAdapter(settings, log, { openIdMetadataUrl: jwks.metadataUrl }), bot: createTeamsBot({ services: commandServicesFrom(services) }) }, services };
}

const now = Math.floor(Date.now() / 1000);
const claims = { iss: BF_ISSUER, aud: APP_ID, serviceurl: 'https://smba.trafficmanager.net/teams/', nbf: now - 60, exp: now + 3600 };

function post(body: string, authorization?: string): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'https://pull-doctor.example.net/api/messages',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: { string: body },
  });
}

describe('Teams: Bot Framework token before the activity', () => {
  it('a forged signature (published kid, unpublished key) is 401, not 500, and runs nothing', async () => {
    const { parts: p, services } = parts();
    const forged = jwks.sign(claims, { forgeWith: jwks.strangerKey });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await createTeamsMessagesHandler(() => p)(post(JSON.stringify(teamsMessage('status')), `Bearer ${forged}`), invocation());
      expect(response.status).toBe(401);
    } finally {
      errors.mockRestore();
    }
    expect((services.queue as MemoryJobQueue).sent).toBe(0);
  });

  it('an unauthenticated body is never parsed: not-JSON without a token is 401, not 400', async () => {
    const { parts: p } = parts();
    const response = await createTeamsMessagesHandler(() => p)(post('{not json'), invocation());
    expect(response.status).toBe(401);
  });

  it('with a valid token, the body is parsed after authentication (not JSON → 400)', async () => {
    const { parts: p } = parts();
    const response = await createTeamsMessagesHandler(() => p)(post('{not json', `Bearer ${jwks.sign(claims)}`), invocation());
    expect(response).toMatchObject({ status: 400, jsonBody: { error: "body is not JSON" } });
  });
});

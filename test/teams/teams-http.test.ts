import path from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createTeamsMessagesHandler, type TeamsBotParts } from '../../functions/teams-messages';
import { accessPolicyFrom } from '../../lib/authz/chat-access';
import { readSettings } from '../../lib/config/settings';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import type { DiagnoseOptions } from '../../lib/diagnosis/diagnoser';
import type { Diagnosis, PullFailure } from '../../lib/model';
import { escapeCardMarkdown } from '../../lib/render/adaptive-card';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { startSandboxEngine, type SandboxEngine } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { createTeamsBot } from '../../lib/teams/teams-bot';
import { createBotAdapter } from '../../lib/teams/teams-http';
import { cliDiagnosis } from '../commands/cli-answer';
import { RecordingDiagnoser, RecordingLogger, SUB, testServices } from '../commands/command-fixtures';
import { startBotConnectorServer, type BotConnectorServer } from '../helpers/bot-connector-server';
import { CHANNEL, ONCALL, teamsMessage } from './teams-test-kit';

function post(activity: unknown, headers: Record<string, string> = {}): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'https://pull-doctor.example.net/api/messages',
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: typeof activity === 'string' ? activity : JSON.stringify(activity) },
  });
}
const invocation = () => new InvocationContext({ functionName: 'messages', logHandler: () => undefined });

function parts(env: Record<string, string>, services = testServices()): TeamsBotParts & { log: RecordingLogger } {
  const log = new RecordingLogger();
  return { adapter: createBotAdapter(readSettings(env), log), bot: createTeamsBot({ services }), log };
}

describe('POST /api/messages', () => {
  it('refuses every request while neither an app id nor local mode is configured', async () => {
    const diagnoser = new RecordingDiagnoser();
    const handler = createTeamsMessagesHandler(() => parts({}, testServices({ diagnoser })));
    const response = await handler(post(teamsMessage('diagnose image myacr.azurecr.io/app:v1.3')), invocation());
    expect(response).toMatchObject({ status: 503, jsonBody: { error: expect.stringContaining('set MicrosoftAppId') } });
    expect(diagnoser.calls).toHaveLength(0);
  });

  it('with an app id, a request without a Bot Framework token is refused with 401 and runs nothing', async () => {
    const diagnoser = new RecordingDiagnoser();
    const services = testServices({ diagnoser });
    const bot = parts({ MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' }, services);
    expect(bot.adapter.ok && bot.adapter.authenticated).toBe(true);
    const handler = createTeamsMessagesHandler(() => bot);
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await handler(post(teamsMessage('diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod')), invocation());
      expect(response.status).toBe(401);
    } finally {
      errors.mockRestore();
    }
    expect(diagnoser.calls).toHaveLength(0);
    expect(services.queue.sent).toBe(0);
  });

  it('local mode is loud, and ignored once an app id is set', () => {
    const local = parts({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' });
    expect(local.adapter).toMatchObject({ ok: true, authenticated: false });
    expect(local.log.text()).toContain('accepts UNAUTHENTICATED Bot Framework requests');
    const withId = parts({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true', MicrosoftAppId: '00000000-0000-0000-0000-0000000000b0', MicrosoftAppPassword: 'not-a-real-secret-0000' });
    expect(withId.adapter).toMatchObject({ ok: true, authenticated: true });
    expect(withId.log.lines).toHaveLength(0);
  });

  it('a body that is not an activity gets 400', async () => {
    const handler = createTeamsMessagesHandler(() => parts({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' }));
    expect((await handler(post('{not json'), invocation())).status).toBe(400);
    expect((await handler(post('[1,2]'), invocation())).status).toBe(400);
  });
});

/**
 * Teams `@pull-doctor diagnose <pod> -n shop` on the tag-missing world, through the Functions
 * handler, CloudAdapter.process (local mode), Container insights from the world's logs, the real
 * engine, and the reply posted to a local Bot Framework connector: same root cause as the CLI.
 */
describe('Teams → engine → connector (sandbox world tag-missing)', () => {
  const world = loadWorld(path.join(WORLDS_DIR, 'tag-missing.yaml'));
  let sandbox: SandboxEngine;
  let connector: BotConnectorServer;
  beforeAll(async () => {
    sandbox = await startSandboxEngine(world);
    connector = await startBotConnectorServer({ channels: [CHANNEL] });
  });
  afterAll(async () => {
    await sandbox?.stop();
    await connector?.close();
  });

  it('replies in the thread with the card naming the CLI root cause', async () => {
    const cli = await cliDiagnosis('tag-missing');
    // The thread's root message, as Teams would have it (the reply goes to it).
    const created = (await (
      await fetch(`${connector.serviceUrl}v3/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ isGroup: true, channelData: { channel: { id: CHANNEL } }, activity: { type: 'message', text: 'root' } }),
      })
    ).json()) as { id: string; activityId: string };

    const log = new RecordingLogger();
    const answers: Diagnosis[] = [];
    const services = {
      incidents: new MemoryIncidentStore(),
      queue: new MemoryJobQueue(),
      diagnoser: { diagnose: async (f: PullFailure, o?: DiagnoseOptions) => answers[answers.push(await sandbox.engine.diagnose(f, o)) - 1]! },
      containerInsights: createSandboxContainerInsights(world.logs),
      log,
      now: () => new Date('2026-11-25T22:00:00Z'),
      settings: {
        allowedClusters: [world.failure.cluster!],
        workspaceIds: Object.keys(world.logs),
        allowedRegistries: ['myacr.azurecr.io'],
        access: accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: [`teams:${CHANNEL}`], PULL_DOCTOR_CHAT_ADMIN_ALLOW: [] }),
      },
    };
    const bot: TeamsBotParts = { adapter: createBotAdapter(readSettings({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' }), log), bot: createTeamsBot({ services }) };
    const handler = createTeamsMessagesHandler(() => bot);
    const activity = teamsMessage('diagnose web-7d9c5b8f6d-x2k8p -n shop', { from: ONCALL, conversationId: created.id, id: created.activityId, serviceUrl: connector.serviceUrl });
    const response = await handler(post(activity), invocation());
    expect(response.status).toBe(200);

    expect(answers.map((a) => a.verdict.rootCauses.map((r) => r.checkId))).toEqual([cli.verdict.rootCauses.map((r) => r.checkId)]);
    expect(answers[0]!.verdict.summary).toBe(cli.verdict.summary);
    const replies = [...connector.activities.values()].filter((a) => a.replyToId === created.activityId);
    expect(replies.map((r) => r.activity.type)).toEqual(['typing', 'message']);
    replies.shift();
    const card = (replies[0]!.activity.attachments as Array<{ contentType: string; content: unknown }>)[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const text = JSON.stringify(card.content);
    const cliCause = cli.findings.find((f) => f.checkId === cli.verdict.rootCauses[0]!.checkId)!;
    expect(cliCause.checkId).toBe('repository-tag');
    // The card's TextBlocks carry Markdown-escaped text.
    expect(text).toContain(JSON.stringify(escapeCardMarkdown(cliCause.summary)).slice(1, -1));
    expect(text).toContain('kubectl set image deployment/web');
    expect(log.text()).toContain('chat: teams user aad-bob-2 in 19:oncall@thread.tacv2: diagnose-pod → done');
  });
});

import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { diagnoseJobHandler } from '../../functions/diagnose-queue';
import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createServices } from '../../lib/app/create-services';
import { BackgroundWork } from '../../lib/commands/background-work';
import type { Diagnoser } from '../../lib/diagnosis/diagnoser';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { contextLogger } from '../../lib/intake/logger';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import type { Diagnosis } from '../../lib/model';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { startSandboxEngine, type SandboxEngine } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { escapeMrkdwn } from '../../lib/render/slack';
import { slackDepsFrom } from '../../lib/slack/default-slack-deps';
import { cliDiagnosis } from '../commands/cli-answer';
import { RecordingLogger, SUB } from '../commands/command-fixtures';
import { SIGNING_SECRET, invocation, slackRequest, slashBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-kit';

/**
 * A Slack `/pull-doctor diagnose image …` on the tag-missing sandbox world, through the real
 * Functions handlers (Slack command → queued chat command job → queue function), the real engine
 * (ARM + registry over the sandbox's HTTPS servers) and a response_url on 127.0.0.1, gives the
 * root cause the CLI gives for the same world.
 */
describe('Slack → engine → response_url (sandbox world tag-missing)', () => {
  const world = loadWorld(path.join(WORLDS_DIR, 'tag-missing.yaml'));
  let sandbox: SandboxEngine;
  let hooks: ResponseUrlServer;
  beforeAll(async () => {
    sandbox = await startSandboxEngine(world);
    hooks = await startResponseUrlServer();
  });
  afterAll(async () => {
    await sandbox?.stop();
    await hooks?.close();
  });

  it('posts the diagnosis naming the CLI root cause, through the queue, once', async () => {
    const cli = await cliDiagnosis('tag-missing');
    expect(cli.verdict.rootCauses[0]?.checkId).toBe('repository-tag');

    const answers: Diagnosis[] = [];
    const diagnoser: Diagnoser = { diagnose: async (f, o) => answers[answers.push(await sandbox.engine.diagnose(f, o)) - 1]! };
    const log = new RecordingLogger();
    const queue = new MemoryJobQueue();
    const services = createServices(
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PULL_DOCTOR_ALLOWED_CLUSTERS: `/subscriptions/${SUB}/resourceGroups/rg-aks-prod`,
        PULL_DOCTOR_ALLOWED_REGISTRIES: 'myacr.azurecr.io',
        PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: 'slack:CONCALL1',
        PULL_DOCTOR_WORKSPACE_IDS: Object.keys(world.logs).join(','),
      },
      { store: new MemoryIncidentStore(), queue, diagnoser, insights: createSandboxContainerInsights(world.logs), log },
    );
    const background = new BackgroundWork();
    // The real handlers, as functions/ registers them, with the test's 127.0.0.1 response_url allowed.
    const slack = createSlackCommandsHandler((context) => ({ ...slackDepsFrom(services, contextLogger(context)), responseUrl: { allowLocalTestUrls: true }, background, ackBudgetMs: 1 }));
    const queueFunction = diagnoseJobHandler(() => services, { responseUrl: { allowLocalTestUrls: true } });

    const body = slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: hooks.url() });
    const response = await slack(slackRequest('slack/commands', body), invocation());
    expect(response.status).toBe(200);
    expect(response.jsonBody).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Working on it') });
    // Slack retrying the same request (it saw no answer in time) is acknowledged, not queued again.
    const retry = await slack(slackRequest('slack/commands', body, { extraHeaders: { 'x-slack-retry-num': '1' } }), invocation());
    expect(retry).toMatchObject({ status: 200, jsonBody: {} });
    expect(queue.chatCommands).toHaveLength(1);
    await background.idle();
    expect(hooks.posts).toHaveLength(0);

    const outcomes: unknown[] = [];
    const ran = await queue.drain(async (job, dequeueCount) =>
      outcomes.push(await queueFunction(job, new InvocationContext({ functionName: 'diagnoseJob', triggerMetadata: { dequeueCount }, logHandler: () => undefined }))),
    );
    expect(ran).toBe(1);
    expect(outcomes).toEqual(['answered']);

    const last = answers[answers.length - 1]!;
    expect(last.failure).toMatchObject({ cluster: world.failure.cluster, image: 'myacr.azurecr.io/app:v1.3', source: 'chat' });
    expect(last.verdict.rootCauses[0]?.checkId).toBe(cli.verdict.rootCauses[0]?.checkId);
    expect(hooks.posts).toHaveLength(1);
    const posted = JSON.stringify(hooks.posts[0]!.body);
    expect(hooks.posts[0]!.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining("Can't pull myacr.azurecr.io/app:v1.3") });
    const cliCause = cli.findings.find((f) => f.checkId === 'repository-tag')!;
    expect(posted).toContain(JSON.stringify(escapeMrkdwn(cliCause.summary)).slice(1, -1));
    expect(log.text()).toContain('chat: slack user UDIAG01 in CONCALL1: diagnose-image cancelled here (handed over to the queue)');
    expect(log.text().match(/diagnose-image → done/g)).toHaveLength(1);
  });
});

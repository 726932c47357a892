import path from 'node:path';
import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { accessPolicyFrom } from '../../lib/authz/chat-access';
import { BackgroundWork } from '../../lib/commands/background-work';
import type { Diagnoser } from '../../lib/diagnosis/diagnoser';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import type { Diagnosis } from '../../lib/model';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { startSandboxEngine, type SandboxEngine } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { escapeMrkdwn } from '../../lib/render/slack';
import { cliDiagnosis } from '../commands/cli-answer';
import { RecordingLogger, SUB } from '../commands/command-fixtures';
import { SIGNING_SECRET, invocation, slackRequest, slashBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-kit';

/**
 * A Slack `/pull-doctor diagnose image …` on the tag-missing sandbox world, through the real
 * Functions handler, the real engine (ARM + registry over the sandbox's HTTPS servers) and a
 * response_url on 127.0.0.1, gives the root cause the CLI gives for the same world.
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

  it('posts the diagnosis naming the CLI root cause', async () => {
    const cli = await cliDiagnosis('tag-missing');
    expect(cli.verdict.rootCauses[0]?.checkId).toBe('repository-tag');

    const answers: Diagnosis[] = [];
    const diagnoser: Diagnoser = { diagnose: async (f, o) => answers[answers.push(await sandbox.engine.diagnose(f, o)) - 1]! };
    const log = new RecordingLogger();
    const background = new BackgroundWork();
    const handler = createSlackCommandsHandler(() => ({
      services: {
        incidents: new MemoryIncidentStore(),
        queue: new MemoryJobQueue(),
        diagnoser,
        containerInsights: createSandboxContainerInsights(world.logs),
        log,
        settings: {
          allowedClusters: [`/subscriptions/${SUB}/resourceGroups/rg-aks-prod`],
          workspaceIds: Object.keys(world.logs),
          allowedRegistries: ['myacr.azurecr.io'],
          access: accessPolicyFrom({ PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: ['slack:CONCALL1'], PULL_DOCTOR_CHAT_ADMIN_ALLOW: [] }),
        },
      },
      signingSecret: SIGNING_SECRET,
      log,
      responseUrl: { allowLocalTestUrls: true },
      background,
      ackBudgetMs: 1,
    }));

    const response = await handler(
      slackRequest('slack/commands', slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: hooks.url() })),
      invocation(),
    );
    expect(response.status).toBe(200);
    expect(response.jsonBody).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Working on it') });
    await background.idle();

    expect(answers).toHaveLength(1);
    expect(answers[0]!.failure).toMatchObject({ cluster: world.failure.cluster, image: 'myacr.azurecr.io/app:v1.3', source: 'chat' });
    expect(answers[0]!.verdict.rootCauses[0]?.checkId).toBe(cli.verdict.rootCauses[0]?.checkId);
    expect(hooks.posts).toHaveLength(1);
    const posted = JSON.stringify(hooks.posts[0]!.body);
    expect(hooks.posts[0]!.body).toMatchObject({ response_type: 'in_channel', text: expect.stringContaining("Can't pull myacr.azurecr.io/app:v1.3") });
    const cliCause = cli.findings.find((f) => f.checkId === 'repository-tag')!;
    expect(posted).toContain(JSON.stringify(escapeMrkdwn(cliCause.summary)).slice(1, -1));
    expect(log.text()).toContain('chat: slack user UDIAG01 in CONCALL1: diagnose-image → done');
  });
});

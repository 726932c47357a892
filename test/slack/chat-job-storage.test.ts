import { QueueClient } from '@azure/storage-queue';
import { InvocationContext } from '@azure/functions';
import { diagnoseJobHandler } from '../../functions/diagnose-queue';
import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createServices } from '../../lib/app/create-services';
import { BackgroundWork } from '../../lib/commands/background-work';
import type { Diagnoser } from '../../lib/diagnosis/diagnoser';
import { contextLogger } from '../../lib/intake/logger';
import { slackDepsFrom } from '../../lib/slack/default-slack-deps';
import { RecordingDiagnoser, RecordingLogger, SUB, fixtureDiagnosis } from '../commands/command-fixtures';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { SIGNING_SECRET, invocation, slackRequest, slashBody, startResponseUrlServer, type ResponseUrlServer } from './slack-test-kit';

/**
 * The durable path on the real wire protocol: a slow Slack diagnosis becomes a message on Azure
 * Queue Storage (Azurite) with the processed-event records in Table Storage; the queue function,
 * given the message as the Storage queue holds it, answers through response_url once, even when
 * the message is delivered twice.
 */
let azurite: Azurite;
let hooks: ResponseUrlServer;
beforeAll(async () => {
  azurite = await startAzurite();
  hooks = await startResponseUrlServer();
}, 60_000);
afterAll(async () => {
  await hooks?.close();
  await azurite?.stop();
});

/** Slow in the request (until cancelled), fast once `fast` is set (the queue function's run). */
function gatedDiagnoser(recording: RecordingDiagnoser): Diagnoser & { fast: boolean } {
  return {
    fast: false,
    diagnose(failure, options = {}) {
      if (this.fast) return recording.diagnose(failure);
      return new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason)));
    },
  };
}

it('slow Slack diagnosis → Storage queue message → queue function → response_url, once', async () => {
  const recording = new RecordingDiagnoser();
  const diagnoser = gatedDiagnoser(recording);
  const log = new RecordingLogger();
  const services = createServices(
    {
      AzureWebJobsStorage: azurite.connectionString,
      PULL_DOCTOR_QUEUE_NAME: 'pd-chat-jobs',
      PULL_DOCTOR_INCIDENT_TABLE: 'pdchatjobs',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PULL_DOCTOR_ALLOWED_CLUSTERS: `/subscriptions/${SUB}/resourceGroups/rg-aks-prod`,
      PULL_DOCTOR_ALLOWED_REGISTRIES: 'myacr.azurecr.io',
      PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW: 'slack:CONCALL1',
    },
    { diagnoser, log },
  );
  const background = new BackgroundWork();
  const slack = createSlackCommandsHandler((context) => ({ ...slackDepsFrom(services, contextLogger(context)), responseUrl: { allowLocalTestUrls: true }, background, ackBudgetMs: 200 }));
  const responseUrl = hooks.url('/commands/T0001/42/storage-secret');

  const started = Date.now();
  const response = await slack(slackRequest('slack/commands', slashBody({ text: 'diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', response_url: responseUrl })), invocation());
  const ackMs = Date.now() - started;
  expect(response.jsonBody).toMatchObject({ text: expect.stringContaining('Working on it') });
  expect(ackMs).toBeLessThan(3_000);
  await background.idle();
  expect(hooks.posts).toHaveLength(0);

  const raw = new QueueClient(azurite.connectionString, 'pd-chat-jobs');
  const { receivedMessageItems } = await raw.receiveMessages({ numberOfMessages: 32 });
  expect(receivedMessageItems).toHaveLength(1);
  const text = receivedMessageItems[0]!.messageText;
  expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toMatchObject({ kind: 'chat-command', command: { verb: 'diagnose-image' }, responseUrl });

  diagnoser.fast = true;
  const queueFunction = diagnoseJobHandler(() => services, { responseUrl: { allowLocalTestUrls: true } });
  const context = (dequeueCount: number) => new InvocationContext({ functionName: 'diagnoseJob', triggerMetadata: { dequeueCount }, logHandler: () => undefined });
  expect(await queueFunction(text, context(1))).toBe('answered');
  // At-least-once delivery: the same message again finds the answered record in Table Storage.
  expect(await queueFunction(text, context(2))).toBe('skipped:answered');

  expect(recording.calls).toHaveLength(1);
  expect(hooks.posts).toHaveLength(1);
  expect(hooks.posts[0]).toMatchObject({ path: '/commands/T0001/42/storage-secret', body: { response_type: 'in_channel', text: expect.stringContaining(fixtureDiagnosis().verdict.summary) } });
  expect(log.text()).not.toContain('storage-secret');
}, 30_000);

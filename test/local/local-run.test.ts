import { QueueClient } from '@azure/storage-queue';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createServices } from '../../lib/app/create-services';
import { stopSandboxServices } from '../../lib/app/sandbox-services';
import { silentLogger } from '../../lib/intake/logger';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { diagnoseJobHandler } from '../../functions/diagnose-queue';
import { k8sEventsWebhookHandler } from '../../functions/k8s-events';
import { localSettings, samplePayloads } from '../../scripts/local-run';
import { startAzurite, type Azurite } from '../helpers/azurite';
import { RecordingChat } from '../intake/fakes';

/**
 * README "Run locally": the settings `npm run local` writes, the sample payloads it writes for the
 * curl examples, and the registered handlers on Azurite — the path `func start` runs, without Core
 * Tools. The diagnosis comes from the sandbox world through PULL_DOCTOR_SANDBOX_WORLD.
 */
let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
}, 60_000);
afterAll(async () => {
  await stopSandboxServices();
  await azurite?.stop();
});

const context = () => new InvocationContext({ logHandler: () => {} });
const WORLD = 'tag-missing';

async function drainQueue(services: ReturnType<typeof createServices>, queueName: string): Promise<string[]> {
  const raw = new QueueClient(azurite.connectionString, queueName);
  const outcomes: string[] = [];
  // Until the queue is empty: an alert's job queues the diagnose job.
  for (let { receivedMessageItems } = await raw.receiveMessages({ numberOfMessages: 32 }); receivedMessageItems.length; { receivedMessageItems } = await raw.receiveMessages({ numberOfMessages: 32 })) {
    for (const m of receivedMessageItems) {
      const job: unknown = JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8'));
      outcomes.push(String(await diagnoseJobHandler(() => services)(job, new InvocationContext({ triggerMetadata: { dequeueCount: m.dequeueCount }, logHandler: () => {} }))));
      await raw.deleteMessage(m.messageId, m.popReceipt);
    }
  }
  return outcomes;
}

describe('npm run local: the app on Azurite against a sandbox world', () => {
  const world = loadWorld(`${WORLDS_DIR}/${WORLD}.yaml`);
  const payloads = samplePayloads(world);

  it.each([
    ['the Event Grid endpoint (/api/events/k8s) with out/local/k8s-event.json', 'events', 'pdlocalevents', 'pdlocalev', ['diagnosed']],
    ['the alert webhook (/api/alerts) with out/local/alert.json', 'alerts', 'pdlocalalerts', 'pdlocalal', ['alert:expanded', 'diagnosed']],
  ])('%s ends in the world diagnosis posted to chat', async (_what, route, queueName, table, jobs) => {
    const env = { ...localSettings(WORLD, world), AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_QUEUE_NAME: queueName, PULL_DOCTOR_INCIDENT_TABLE: table };
    const chat = new RecordingChat();
    const services = createServices(env, { chat, log: silentLogger });
    expect(services.storage).toBe('table');
    const request =
      route === 'events'
        ? new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/events/k8s', headers: { 'content-type': 'application/cloudevents+json' }, body: { string: JSON.stringify(payloads.k8sEvent) } })
        : new HttpRequest({ method: 'POST', url: 'http://localhost:7071/api/alerts', headers: { 'content-type': 'application/json' }, body: { string: JSON.stringify(payloads.alert) } });
    const handler = route === 'events' ? k8sEventsWebhookHandler(() => services) : alertWebhookHandler(() => services);
    const response = await handler(request, context());
    expect(response.status).toBeLessThan(300);
    expect(await drainQueue(services, queueName)).toEqual(jobs);
    const [incident] = await services.store.list();
    expect(incident).toMatchObject({ image: world.failure.image, rootCause: 'repository-tag', category: 'tag_not_found' });
    expect(chat.count('start')).toBe(1);
  }, 60_000);

  it('the settings point at Azurite and the world, and nothing at Azure', () => {
    expect(localSettings(WORLD, world)).toMatchObject({
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      PULL_DOCTOR_SANDBOX_WORLD: WORLD,
      PULL_DOCTOR_CHAT: 'console',
      PULL_DOCTOR_ALLOWED_CLUSTERS: world.failure.cluster,
      PULL_DOCTOR_ALLOWED_REGISTRIES: 'myacr.azurecr.io',
    });
  });
});

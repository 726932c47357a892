import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueueClient } from '@azure/storage-queue';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { createServices } from '../../lib/app/create-services';
import { runCli } from '../../lib/cli/main';
import type { CliIO } from '../../lib/cli/command';
import { silentLogger } from '../../lib/intake/logger';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { newJob, encodeJobMessage, parseJobMessage } from '../../lib/queue/diagnose-job';
import { StorageJobQueue } from '../../lib/queue/storage-job-queue';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { diagnoseJobHandler } from '../../functions/diagnose-queue';
import { useAzurite } from '../helpers/use-azurite';
import { FakeDiagnoser, RecordingChat } from './fakes';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';

const azurite = useAzurite();

const context = () => new InvocationContext({ logHandler: () => {} });

function cliIO(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), isTTY: false, env, readStdin: async () => '' };
  return { io, out, err };
}

describe('Queue Storage (Azurite)', () => {
  it('sends jobs base64-encoded, as the Functions queue trigger decodes them', async () => {
    const queue = StorageJobQueue.create({ connectionString: azurite.connectionString }, 'jobs-encoding');
    const job = newJob({ incidentId: 'a'.repeat(32), cluster: CLUSTER, reason: 'new' });
    await queue.enqueue(job);
    const raw = new QueueClient(azurite.connectionString, 'jobs-encoding');
    const { receivedMessageItems } = await raw.receiveMessages();
    const text = receivedMessageItems[0]!.messageText;
    expect(text).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(Buffer.from(text, 'base64').toString('utf8'))).toEqual(job);
    expect(parseJobMessage(text)).toEqual({ ok: true, job });
  });
});

describe('intake on Table and Queue Storage (Azurite), end to end', () => {
  it('alert → incident in the table → job on the queue → queue function posts → CLI lists it with a poison message and its reason', async () => {
    const env = { AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_QUEUE_NAME: 'pd-e2e', PULL_DOCTOR_INCIDENT_TABLE: 'pde2e' };
    const chat = new RecordingChat();
    const diagnoser = new FakeDiagnoser();
    // Container insights as the sandbox serves it: the kubelet message behind the alert's dimensions.
    const insights = createSandboxContainerInsights({
      '11111111-2222-3333-4444-555555555555': {
        KubeEvents: [
          {
            ClusterId: CLUSTER,
            Namespace: 'shop',
            Name: 'web-7d9c8b6f5-x2x4q',
            ObjectKind: 'Pod',
            KubeEventType: 'Warning',
            Reason: 'Failed',
            Message: 'Failed to pull image "pdacr.azurecr.io/shop/web:v1.2": rpc error: code = NotFound desc = failed to pull and unpack image "pdacr.azurecr.io/shop/web:v1.2": failed to resolve reference "pdacr.azurecr.io/shop/web:v1.2": pdacr.azurecr.io/shop/web:v1.2: not found',
            LastSeen: '2026-11-25T21:04:00Z',
            Count: 4,
          },
        ],
      },
    });
    const services = createServices(env, { chat, diagnoser, insights, log: silentLogger });
    expect(services.storage).toBe('table');
    const body = readFileSync(join(__dirname, '../fixtures/alerts/log-v2-dimensions-fired.json'), 'utf8');
    const res = await alertWebhookHandler(() => services)(new HttpRequest({ method: 'POST', url: 'http://127.0.0.1/api/alerts', body: { string: body } }), context());
    expect(res.status).toBe(202);

    // What the Functions runtime does: receive, base64-decode, JSON-parse, call the handler.
    const raw = new QueueClient(azurite.connectionString, 'pd-e2e');
    const runNext = async () => {
      const { receivedMessageItems } = await raw.receiveMessages({ numberOfMessages: 32 });
      expect(receivedMessageItems).toHaveLength(1);
      const message = receivedMessageItems[0]!;
      const outcome = await diagnoseJobHandler(() => services)(JSON.parse(Buffer.from(message.messageText, 'base64').toString('utf8')), new InvocationContext({ triggerMetadata: { dequeueCount: message.dequeueCount }, logHandler: () => {} }));
      await raw.deleteMessage(message.messageId, message.popReceipt);
      return outcome;
    };
    // First the accepted alert (its Container insights read), which queues the diagnosis.
    expect(await services.store.list()).toEqual([]);
    expect(await runNext()).toBe('alert:expanded');
    expect(await runNext()).toBe('diagnosed');
    expect(chat.count('start')).toBe(1);
    const [incident] = await services.store.list();
    expect(incident).toMatchObject({ rootCause: 'repository-tag', chat: { platform: 'console' }, pods: ['shop/web-7d9c8b6f5-x2x4q'] });

    // A job that failed five times, as the runtime leaves it: same content on <queue>-poison.
    const dead = newJob({ incidentId: incident!.id, cluster: CLUSTER, reason: 'pods-added' });
    await new QueueClient(azurite.connectionString, 'pd-e2e-poison').createIfNotExists();
    await new QueueClient(azurite.connectionString, 'pd-e2e-poison').sendMessage(encodeJobMessage(dead));
    await (services.store as TableIncidentStore).recordJobFailure({ jobId: dead.jobId, incidentId: dead.incidentId, cluster: CLUSTER, attempt: 5, error: 'ChatPostError: Slack ratelimited after 3 retries', at: new Date().toISOString() });

    const json = cliIO(env);
    expect(await runCli(['incidents', '--json'], json.io)).toBe(0);
    const listed = JSON.parse(json.out.join('\n')) as { incidents: unknown[]; poison: Array<{ job: { jobId: string }; failure: { error: string } }> };
    expect(listed.incidents).toHaveLength(1);
    expect(listed.poison).toEqual([expect.objectContaining({ job: expect.objectContaining({ jobId: dead.jobId }), failure: expect.objectContaining({ error: expect.stringMatching(/ratelimited/) }) })]);

    const text = cliIO(env);
    expect(await runCli(['incidents'], text.io)).toBe(0);
    expect(text.out.join('\n')).toMatch(/aks-prod {2}pdacr\.azurecr\.io\/shop\/web:v1\.2[\s\S]*tag_not_found → repository-tag[\s\S]*attempt 5 failed: ChatPostError/);

    const bad = cliIO(env);
    expect(await runCli(['incidents', '--status', 'closed'], bad.io)).toBe(3);
    const none = cliIO({});
    expect(await runCli(['incidents'], none.io)).toBe(3);
    expect(none.err.join('')).toMatch(/no incident storage configured/);
  });
});

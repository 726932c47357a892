import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHttpHeaders, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { classifyPullMessage } from '../../lib/classify/classify-pull-message';
import { Intake } from '../../lib/intake/intake';
import { handleAcrEvents, handleAlertWebhook, handleEventGridHttp, handleK8sEvents, type IntakeServices } from '../../lib/intake/handlers';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { useAzurite } from '../helpers/use-azurite';
import { k8sPullEvent } from '../faults/fault-kit';
import { expandQueuedAlerts, recordingLogger } from './fakes';

/**
 * Issue 13, per-event isolation and cheap reads on the ACR and alert paths, on Table Storage
 * (Azurite): an event Storage refuses for good is dropped with one log line while the event beside
 * it is stored and the delivery answered; a transient failure fails the delivery after the others;
 * an image push and an alert resolution read one partition and a row per incident, never the table.
 */
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures', name), 'utf8');
const headers = { get: () => null };

const azurite = useAzurite();

/** Storage answering writes whose body contains `marker` with `status` (400 PropertyValueTooLarge, or 503 ServerBusy). */
function refuse(marker: string, status: 400 | 503): PipelinePolicy {
  return {
    name: `test-refuse-${marker}`,
    async sendRequest(request, next) {
      if (request.method === 'GET' || typeof request.body !== 'string' || !request.body.includes(marker)) return next(request);
      const code = status === 400 ? 'PropertyValueTooLarge' : 'ServerBusy';
      return { request, status, headers: createHttpHeaders({ 'content-type': 'application/json;odata=minimalmetadata' }), bodyAsText: JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: code } } }) };
    },
  };
}

/** Records every read request's URL, to show each is a point read or a one-partition query. */
function recordReads(urls: string[]): PipelinePolicy {
  return { name: 'test-record-reads', sendRequest: (request, next) => (request.method === 'GET' && urls.push(decodeURIComponent(request.url)), next(request)) };
}

let tables = 0;
function setup(policies: PipelinePolicy[] = []) {
  const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, `isolation${++tables}`, {
    retryOptions: { maxRetries: 0 },
    additionalPolicies: policies.map((policy) => ({ policy, position: 'perRetry' as const })),
  });
  const log = recordingLogger();
  const queue = new MemoryJobQueue(5);
  // The intake services alone (no lazily loaded chat, engine or Azure clients).
  const intake = new Intake({ store, queue, log, classify: (f) => classifyPullMessage(f.message ?? '', f.reason).category, settings: { debounceMinutes: 5, allowedClusters: [], allowedRegistries: [] } });
  const services: IntakeServices = { intake, store, queue, insights: createSandboxContainerInsights({}), workspaceIds: [] };
  return { store, log, queue, services };
}

function acrPush(id: string, target: Record<string, unknown>, type = 'Microsoft.ContainerRegistry.ImagePushed') {
  const [event] = JSON.parse(fixture('eventgrid/acr-image-pushed.json')) as Array<Record<string, unknown> & { data: { target: Record<string, unknown> } }>;
  return { ...event, id, eventType: type, data: { ...event!.data, target: { ...event!.data.target, ...target } } };
}

describe('ACR events: one bad event never blocks its batch', () => {
  it('an oversized digest is left out (logged once) and the event beside it is stored; 200', async () => {
    const { store, log, services } = setup();
    const body = JSON.stringify([acrPush('acr-big', { tag: 'v9', digest: `sha256:${'a'.repeat(40_000)}` }), acrPush('acr-good', { tag: 'v1.3' })]);
    const answer = await handleEventGridHttp('POST', headers, body, (events) => handleAcrEvents(services, events, log), log);
    expect(answer.status).toBe(200);
    expect(answer.jsonBody).toMatchObject({ accepted: 2, malformed: 0 });
    expect(await store.tagsForDigest('pdacr.azurecr.io', 'shop/web', 'sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5')).toEqual(['v1.3']);
    expect(log.lines.filter((l) => /acr-big/.test(l))).toEqual(['warn: ACR event acr-big: left out data.target.digest (not valid for its grammar or too long)']);
  });

  it('an event Storage refuses for good is dropped with one log line, the other stored; a transient failure fails the delivery after the others', async () => {
    const { store, log, services } = setup([refuse('poison-tag', 400), refuse('flaky-tag', 503)]);
    const deleted = acrPush('acr-poison', { tag: 'poison-tag' }, 'Microsoft.ContainerRegistry.ImageDeleted');
    const answer = await handleEventGridHttp('POST', headers, JSON.stringify([deleted, acrPush('acr-ok', { tag: 'v2.0' })]), (events) => handleAcrEvents(services, events, log), log);
    expect(answer.status).toBe(200);
    expect(answer.jsonBody).toMatchObject({ accepted: 1, ignored: 1 });
    expect(await store.tagsForDigest('pdacr.azurecr.io', 'shop/web', 'sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5')).toEqual(['v2.0']);
    expect(log.lines.filter((l) => /acr-poison/.test(l))).toEqual(['error: intake: ACR event acr-poison dropped: storage refused it for good (PropertyValueTooLarge, HTTP 400)']);

    const flaky = acrPush('acr-flaky', { tag: 'flaky-tag' }, 'Microsoft.ContainerRegistry.ImageDeleted');
    await expect(handleAcrEvents(services, [flaky, acrPush('acr-after', { tag: 'v3.0' })], log)).rejects.toMatchObject({ statusCode: 503 });
    expect((await store.tagsForDigest('pdacr.azurecr.io', 'shop/web', 'sha256:213bbc182920ab41e18edc2001e06abcca6735d87782d9cef68abd83941cf0e5')).sort()).toEqual(['v2.0', 'v3.0']);
  });
});

describe('alerts: one incident Storage refuses does not fail the others', () => {
  it('two pods with two images, one refused for good: the other incident is stored, 202, one log line', async () => {
    const { store, log, services } = setup([refuse('shop/poison', 400)]);
    const alert = JSON.parse(fixture('alerts/log-v2-dimensions-fired.json')) as { data: { alertContext: { condition: { allOf: Array<{ dimensions: Array<{ name: string; value: string }> }> } } } };
    const [criterion] = alert.data.alertContext.condition.allOf;
    const poison = { ...criterion!, dimensions: criterion!.dimensions.map((d) => (d.name === 'Image' ? { ...d, value: 'pdacr.azurecr.io/shop/poison:v1' } : d.name === 'Name' ? { ...d, value: 'poison-5c8d7f9b6-q1' } : d)) };
    alert.data.alertContext.condition.allOf.push(poison);
    const answer = await handleAlertWebhook(services, JSON.stringify(alert), log);
    expect(answer).toMatchObject({ status: 202, jsonBody: { queued: true, pods: 2 } });
    expect(await expandQueuedAlerts(services.queue as MemoryJobQueue, services, log)).toEqual(['alert:expanded']);
    expect((await store.list()).map((i) => i.image)).toEqual(['pdacr.azurecr.io/shop/web:v1.2']);
    expect(log.lines.filter((l) => /dropped: storage refused it for good/.test(l))).toHaveLength(1);
  });
});

describe('hot paths read a partition or a row, never the table', () => {
  it('an image push and an alert resolution without a cluster: request count flat in the number of incidents', async () => {
    const urls: string[] = [];
    const { store, services, log } = setup([recordReads(urls)]);
    // 24 unrelated incidents: other images, in three clusters.
    for (let i = 0; i < 24; i++) {
      const cluster = CLUSTER.replace('aks-prod', `aks-${i % 3}`);
      const image = `pdacr.azurecr.io/team${i}/api:v${i}`;
      const message = `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": ${image}: not found`;
      const event = k8sPullEvent(`bulk-${i}`, { pod: `api-5c8d7f9b6-${i}x`, message });
      await handleK8sEvents(services, { ...event, source: cluster, data: { ...event.data, cluster } }, log);
    }
    await handleAlertWebhook(services, fixture('alerts/log-v2-dimensions-fired.json'), log);
    await expandQueuedAlerts(services.queue as MemoryJobQueue, services, log);
    expect(await store.list()).toHaveLength(25);

    urls.length = 0;
    const before = store.stats.reads;
    const rechecked = await services.intake.imagePushed({ loginServer: 'pdacr.azurecr.io', repository: 'shop/web', tag: 'v1.2' });
    expect(rechecked).toHaveLength(1);
    // The repository's index partition, then the incident's row (the re-check's write reuses the version read).
    expect(store.stats.reads - before).toBeLessThanOrEqual(3);

    const resolvedBody = fixture('alerts/log-v2-dimensions-resolved.json');
    const beforeResolve = store.stats.reads;
    const answer = await handleAlertWebhook(services, resolvedBody, log);
    expect((answer.jsonBody.resolved as string[]).length).toBe(1);
    expect(store.stats.reads - beforeResolve).toBeLessThanOrEqual(4);

    const scans = urls.filter((u) => /\/isolation\d+\(\)/.test(u) && !/\$filter=PartitionKey eq/.test(u));
    expect(scans).toEqual([]);
  });
});

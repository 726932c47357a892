import { HttpRequest, type HttpRequestInit } from '@azure/functions';
import { alertWebhookHandler } from '../../functions/alert-webhook';
import { k8sEventsWebhookHandler } from '../../functions/k8s-events';
import { createSlackCommandsHandler } from '../../functions/slack-commands';
import { createSlackInteractionsHandler } from '../../functions/slack-interactions';
import { createTeamsMessagesHandler } from '../../functions/teams-messages';
import { createServices } from '../../lib/app/create-services';
import { readSettings } from '../../lib/config/settings';
import { createBotAdapter } from '../../lib/teams/teams-http';
import { createTeamsBot } from '../../lib/teams/teams-bot';
import { commandServicesFrom } from '../../lib/commands/command-services';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { RecordingLogger } from '../commands/command-fixtures';
import { SIGNING_SECRET, invocation } from '../slack/slack-test-kit';

/**
 * Attack: unauthenticated endpoints that read a whole body before deciding anything (a 50 MB POST
 * to Teams or Slack cost 150–200 MB of heap before the 401), and an Event Grid delivery of 20,000
 * events processed whole. Each entry point must refuse over its documented limit without pulling
 * more than the limit from the stream.
 */
const MB = 1024 * 1024;

/** A body stream that counts what the handler pulls; `declare` sends a Content-Length. */
function hugeRequest(path: string, totalBytes: number, declare: boolean, headers: Record<string, string> = {}) {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const allHeaders = { 'content-type': 'application/json', ...(declare ? { 'content-length': String(totalBytes) } : {}), ...headers };
  const nativeRequest = new Request(`https://pull-doctor.example.net/api/${path}`, { method: 'POST', headers: allHeaders, body: stream, duplex: 'half' } as RequestInit);
  const request = new HttpRequest({ method: 'POST', url: nativeRequest.url, nativeRequest } as HttpRequestInit);
  return { request, pulled: () => pulled };
}

function services() {
  return createServices({}, { store: new MemoryIncidentStore(), queue: new MemoryJobQueue(), log: new RecordingLogger() });
}

const slackDeps = () => ({ services: commandServicesFrom(services()), signingSecret: SIGNING_SECRET, log: new RecordingLogger() });
const teamsParts = () => {
  const s = services();
  return { adapter: createBotAdapter(readSettings({ PULL_DOCTOR_BOT_LOCAL_MODE: 'true' }), s.log), bot: createTeamsBot({ services: commandServicesFrom(s) }) };
};

const entryPoints: Array<[string, string, (r: HttpRequest) => Promise<{ status?: number }>, number]> = [
  ['Slack commands', 'slack/commands', (r) => createSlackCommandsHandler(slackDeps)(r, invocation()), 64 * 1024],
  ['Slack interactions', 'slack/interactions', (r) => createSlackInteractionsHandler(slackDeps)(r, invocation()), 128 * 1024],
  ['Teams messages', 'messages', (r) => createTeamsMessagesHandler(teamsParts)(r, invocation()), 128 * 1024],
  ['alerts', 'alerts', (r) => alertWebhookHandler(services)(r, invocation()), 1 * MB],
  ['Event Grid (k8s)', 'events/k8s', (r) => k8sEventsWebhookHandler(services)(r, invocation()), 2 * MB],
];

describe('bounded before parsed', () => {
  it.each(entryPoints)('%s: a declared 50 MB body is refused with 413 without being read', async (_name, path, handle) => {
    const { request, pulled } = hugeRequest(path, 50 * MB, true);
    const response = await handle(request);
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it.each(entryPoints)('%s: a chunked 50 MB body (no Content-Length) is cut off at the limit', async (_name, path, handle, most) => {
    const { request, pulled } = hugeRequest(path, 50 * MB, false);
    const response = await handle(request);
    expect(response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(most + 2 * 64 * 1024);
  });

  it('an Event Grid delivery of 20,000 (small) events is refused whole (413) and nothing is ingested', async () => {
    const s = services();
    const events = Array.from({ length: 20_000 }, (_, i) => ({ id: `e${i}` }));
    const body = JSON.stringify(events);
    const request = new HttpRequest({ method: 'POST', url: 'https://pull-doctor.example.net/api/events/k8s', headers: { 'content-type': 'application/json' }, body: { string: body } });
    const response = await k8sEventsWebhookHandler(() => s)(request, invocation());
    expect(response.status).toBe(413);
    expect(response.jsonBody).toEqual({ error: '20000 events in one delivery; at most 100' });
    expect((s.queue as MemoryJobQueue).sent).toBe(0);
  });
});

import { createServices } from '../../lib/app/create-services';
import type { ChatPort } from '../../lib/chat/chat-port';
import { INCIDENT_EVENT_TYPE, SlackChat } from '../../lib/chat/slack-chat';
import { TeamsChat } from '../../lib/chat/teams-chat';
import { handleK8sEvents } from '../../lib/intake/handlers';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import { runDiagnoseJob } from '../../lib/jobs/run-diagnose-job';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { useAzurite } from '../helpers/use-azurite';
import { startBotConnectorServer } from '../helpers/bot-connector-server';
import { startSlackApiServer, type SlackApiServer } from '../helpers/slack-api-server';
import { FakeDiagnoser, recordingLogger } from '../intake/fakes';
import { CrashAfterPost, k8sPullEvent } from './fault-kit';

/**
 * Issue 13, post-then-crash: the process dies after chat.postMessage succeeded and before the
 * message reference is written. The job's claim wrote the intent to post (`postingJob`) first; the
 * retried job finds the message by the incident id in its Slack metadata and updates it, so the
 * channel holds one message. Where no lookup is possible the duplicate is posted and logged.
 */
const TOKEN = 'xoxb-crash-token';
const CHANNEL = 'CCRASH01';

const azurite = useAzurite();

let tables = 0;
async function crashOnce(chat: ChatPort) {
  const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, `postcrash${++tables}`);
  const queue = new MemoryJobQueue(5);
  const log = recordingLogger();
  const crashing = new CrashAfterPost(chat);
  const services = createServices({}, { store, queue, chat: crashing, diagnoser: new FakeDiagnoser(), log });
  await handleK8sEvents(services, k8sPullEvent(`ev-crash-${tables}`), log);
  await queue.drain((job, n) => runDiagnoseJob(job, { ...services.jobDeps(), progressIntervalMs: 0 }, { dequeueCount: n }));
  expect(crashing.crashed).toBe(1);
  const [incident] = await store.list();
  return { incident: incident!, log };
}

function topLevel(slack: SlackApiServer) {
  return [...slack.messages.values()].filter((m) => !m.thread_ts);
}

describe('a crash between the post and saving its reference', () => {
  it('Slack: the retry finds the message by its incident metadata and finishes it; one message', async () => {
    const slack = await startSlackApiServer({ token: TOKEN, channels: [CHANNEL] });
    try {
      const { incident, log } = await crashOnce(new SlackChat({ token: TOKEN, channel: CHANNEL, slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, minProgressIntervalMs: 0 }));
      const messages = topLevel(slack);
      expect(messages).toHaveLength(1);
      expect(messages[0]!.text).not.toMatch(/Diagnosing/);
      expect(messages[0]!.metadata).toMatchObject({ event_type: INCIDENT_EVENT_TYPE, event_payload: { incidentId: incident.id } });
      expect(slack.calls.filter((c) => c.method === 'conversations.history')).toHaveLength(1);
      expect(incident.chat?.ts).toBe(messages[0]!.ts);
      expect(incident.postingJob).toBeUndefined();
      expect(incident.pendingJob).toBeUndefined();
      expect(log.lines.some((l) => /reusing the message job .* posted but did not record/.test(l))).toBe(true);
    } finally {
      await slack.close();
    }
  });

  it('Slack without channels:history: a second message is posted and the possible duplicate logged with the missing scope', async () => {
    const slack = await startSlackApiServer({ token: TOKEN, channels: [CHANNEL], scopes: ['chat:write', 'commands'] });
    try {
      const { incident, log } = await crashOnce(new SlackChat({ token: TOKEN, channel: CHANNEL, slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, minProgressIntervalMs: 0 }));
      expect(topLevel(slack)).toHaveLength(2);
      expect(incident.chat?.ts).toBe(topLevel(slack).find((m) => !/Diagnosing/.test(m.text ?? ''))?.ts);
      expect(log.lines.filter((l) => /second message may appear/.test(l) && /missing_scope: the Slack app needs channels:history and groups:history/.test(l))).toHaveLength(1);
    } finally {
      await slack.close();
    }
  });

  it('Teams (no lookup in the connector): the retry posts a new card and logs that a duplicate may exist', async () => {
    const server = await startBotConnectorServer({ channels: ['19:crash@thread.tacv2'] });
    try {
      const { incident, log } = await crashOnce(new TeamsChat({ channelId: '19:crash@thread.tacv2', serviceUrl: server.serviceUrl, minProgressIntervalMs: 0, retry: { maxRetries: 0 } }));
      const cards = [...server.activities.values()].filter((a) => !a.replyToId);
      expect(cards).toHaveLength(2);
      expect(incident.chat?.activityId).toBeDefined();
      expect(log.lines.filter((l) => /teams offers no lookup; posting a new one, so a second message may appear/.test(l))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

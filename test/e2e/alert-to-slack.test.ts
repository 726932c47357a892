import path from 'node:path';
import { createServices } from '../../lib/app/create-services';
import { handleAlertWebhook } from '../../lib/intake/handlers';
import type { Logger } from '../../lib/intake/logger';
import { runQueuedJob } from '../../lib/jobs/run-queued-job';
import { createSandboxContainerInsights } from '../../lib/logs/sandbox-container-insights';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { startSandboxEngine, type SandboxEngine } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';
import { startSlackApiServer, type SlackApiServer } from '../helpers/slack-api-server';

/**
 * The whole path with nothing mocked but time: an Azure Monitor alert (common alert schema) for
 * the tag-missing world → intake reads the kubelet message from the world's Container insights rows
 * → one incident, one queued job → the real engine against the sandbox (HTTPS ARM + registry) → the
 * real Slack adapter against a local server speaking the Slack Web API.
 */
const world = loadWorld(path.join(WORLDS_DIR, 'tag-missing.yaml'));
const WORKSPACE = Object.keys(world.logs)[0];
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function alertFor(failure = world.failure) {
  const end = new Date(Date.parse(failure.lastSeen ?? '2026-11-25T21:45:00Z') + 60_000).toISOString();
  const start = new Date(Date.parse(end) - 30 * 60_000).toISOString();
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: '/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.AlertsManagement/alerts/0f0f0f0f-0000-4000-8000-000000000001',
        alertRule: 'pull-doctor-image-pull-failures',
        severity: 'Sev2',
        signalType: 'Log',
        monitorCondition: 'Fired',
        monitoringService: 'Log Alerts V2',
        alertTargetIDs: ['/subscriptions/11111111-1111-1111-1111-111111111111/resourcegroups/rg-aks-prod/providers/microsoft.operationalinsights/workspaces/log-aks-prod'],
        firedDateTime: end,
      },
      alertContext: {
        conditionType: 'LogQueryCriteria',
        condition: {
          windowSize: 'PT30M',
          windowStartTime: start,
          windowEndTime: end,
          allOf: [
            {
              searchQuery: 'KubeEvents',
              metricMeasureColumn: 'FailedEvents',
              metricValue: 3,
              dimensions: [
                { name: 'ClusterId', value: failure.cluster },
                { name: 'Namespace', value: failure.namespace },
                { name: 'Name', value: failure.pod },
                { name: 'Image', value: failure.image },
                { name: 'Reason', value: 'Failed' },
              ],
              linkToSearchResultsAPI: `https://api.loganalytics.io/v1/workspaces/${WORKSPACE}/query?query=KubeEvents`,
            },
          ],
        },
      },
    },
  };
}

describe('alert → incident → engine on the sandbox → Slack', () => {
  let slack: SlackApiServer;
  let running: SandboxEngine;

  beforeAll(async () => {
    slack = await startSlackApiServer({ token: 'xoxb-test-not-a-secret', channels: ['C0PULLDOC'] });
    running = await startSandboxEngine(world);
  });
  afterAll(async () => {
    await running?.stop();
    await slack?.close();
  });

  it('posts one message, updates it with the verdict, and does not post twice for the same firing', async () => {
    const queue = new MemoryJobQueue();
    const services = createServices(
      {
        PULL_DOCTOR_CHAT: 'slack',
        SLACK_BOT_TOKEN: 'xoxb-test-not-a-secret',
        SLACK_CHANNEL_ID: 'C0PULLDOC',
        SLACK_API_URL: slack.apiUrl,
        PULL_DOCTOR_WORKSPACE_IDS: WORKSPACE,
      },
      { store: new MemoryIncidentStore(), queue, insights: createSandboxContainerInsights(world.logs), diagnoser: running.engine, log: quiet },
    );

    const body = JSON.stringify(alertFor());
    const answer = await handleAlertWebhook(services, body, quiet);
    expect(answer.status).toBe(202);
    const again = await handleAlertWebhook(services, body, quiet);
    expect(again.status).toBe(202);

    // The webhook queued the alert; its job reads Container insights and queues the diagnosis.
    expect(queue.alertExpansions).toHaveLength(1);
    const ran = await queue.drain((job, dequeueCount) =>
      runQueuedJob(job, { diagnose: () => services.jobDeps(), chat: () => { throw new Error('no chat command expected'); }, alert: () => ({ services, log: quiet }) }, { dequeueCount }),
    );
    expect(ran).toBeGreaterThanOrEqual(2);

    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    const updates = slack.calls.filter((c) => c.method === 'chat.update');
    expect(posts).toHaveLength(1);
    expect(updates.length).toBeGreaterThan(0);
    const finalText = JSON.stringify(updates[updates.length - 1].params);
    expect(finalText).toContain('Tag v1.3 does not exist');
    expect(finalText).toContain('kubectl set image deployment/web');
    expect(finalText).not.toContain('xoxb-');

    const incidents = await services.store.list();
    expect(incidents).toHaveLength(1);
    expect(incidents[0].rootCause).toBe('repository-tag');
    expect(updates.every((u) => u.params.ts === incidents[0].chat?.ts)).toBe(true);
  }, 30_000);
});

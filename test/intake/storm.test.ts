import { createServices } from '../../lib/app/create-services';
import { handleK8sEvents } from '../../lib/intake/handlers';
import { silentLogger } from '../../lib/intake/logger';
import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { runDiagnoseJob } from '../../lib/jobs/run-diagnose-job';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { stormEvents } from '../../bench/intake-storm';
import { FakeDiagnoser, RecordingChat } from './fakes';

describe('a storm of 1,000 events for one bad image (50 pods, 5 namespaces)', () => {
  it('becomes 1 incident, 1 diagnosis run and 1 chat message with in-place updates; writes follow pods', async () => {
    const store = new MemoryIncidentStore();
    const queue = new MemoryJobQueue();
    const chat = new RecordingChat();
    const diagnoser = new FakeDiagnoser();
    const services = createServices({}, { store, queue, chat, diagnoser, log: silentLogger });
    for (const event of stormEvents(1000, 50)) await handleK8sEvents(services, event, silentLogger);
    await services.intake.flush();
    await queue.drain((job, attempt) => runDiagnoseJob(job, services.jobDeps(), { dequeueCount: attempt }));
    const incidents = await store.list();
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ podCount: 50, eventCount: 1000, category: 'tag_not_found', namespaces: ['team-0', 'team-1', 'team-2', 'team-3', 'team-4'] });
    expect(diagnoser.runs).toHaveLength(1);
    expect(chat.count('start')).toBe(1);
    expect(chat.count('diagnosis')).toBe(1);
    // 50 pods + a handful of lastSeen/claim/record writes, not 1,000.
    expect(store.writes).toBeGreaterThanOrEqual(50);
    expect(store.writes).toBeLessThan(70);
  });
});

import { MemoryIncidentStore } from '../incidents/memory-incident-store';
import { mergeFailures } from '../incidents/merge-failures';
import { encodeJobMessage, newJob } from '../queue/diagnose-job';
import { MemoryJobQueue } from '../queue/job-queue';
import { FakeDiagnoser, RecordingChat, recordingLogger } from '../../test/intake/fakes';
import { runDiagnoseJob, type JobDeps } from './run-diagnose-job';

const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks';
const id = 'a'.repeat(32);
const now = new Date('2026-11-25T21:00:00Z');

async function setup() {
  const store = new MemoryIncidentStore();
  await store.update(cluster, id, () =>
    mergeFailures(undefined, { id, cluster, image: 'pdacr.azurecr.io/shop/web:v1.2', category: 'tag_not_found' }, [{ image: 'pdacr.azurecr.io/shop/web:v1.2', namespace: 'shop', pod: 'web-1', source: 'k8s-event' }], {
      now,
      policy: { debounceMs: 600_000, coalesceMs: 60_000 },
    }).next,
  );
  const chat = new RecordingChat();
  const diagnoser = new FakeDiagnoser();
  const log = recordingLogger();
  let clock = now.getTime();
  const deps: JobDeps = { store, chat, diagnoser, log, debounceMinutes: 10, now: () => new Date(clock), progressIntervalMs: 0 };
  return { store, chat, diagnoser, log, deps, advance: (ms: number) => (clock += ms) };
}

describe('runDiagnoseJob', () => {
  it('posts once, updates progress, delivers the diagnosis and records the root cause', async () => {
    const { store, chat, diagnoser, deps } = await setup();
    expect(await runDiagnoseJob(encodeJobMessage(newJob({ incidentId: id, cluster, reason: 'new' })), deps)).toBe('diagnosed');
    expect(diagnoser.runs).toHaveLength(1);
    expect(chat.calls.map((c) => c.method)).toEqual(['start', 'progress', 'progress', 'progress', 'diagnosis']);
    const stored = await store.get(cluster, id);
    expect(stored).toMatchObject({ rootCause: 'repository-tag', lastDiagnosedAt: now.toISOString(), chat: { ts: '1' } });
    expect(stored?.job).toBeUndefined();
  });

  it('debounces a storm of jobs to one run unless forced', async () => {
    const { chat, diagnoser, deps, advance } = await setup();
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await runDiagnoseJob(newJob({ incidentId: id, cluster, reason: 'pods-added' }), deps));
    expect(outcomes).toEqual(['diagnosed', 'skipped:debounced', 'skipped:debounced', 'skipped:debounced', 'skipped:debounced']);
    advance(60_000);
    expect(await runDiagnoseJob(newJob({ incidentId: id, cluster, reason: 'recheck', force: true, requestedBy: '@oncall' }), deps)).toBe('diagnosed');
    expect(diagnoser.runs).toHaveLength(2);
    // The re-check lands in the same message's thread: one start only.
    expect(chat.count('start')).toBe(1);
    expect(chat.calls.find((c) => c.method === 'reply')?.text).toMatch(/@oncall/);
  });

  it('lets only one of two concurrent jobs run (claim): the other goes back to the queue with a delay; a retry of the claimant continues', async () => {
    const { store, deps, diagnoser } = await setup();
    await store.update(cluster, id, (c) => c && { ...c, job: { id: '11111111-1111-4111-8111-111111111111', startedAt: now.toISOString() } });
    const queue = new MemoryJobQueue();
    const busy = newJob({ incidentId: id, cluster, reason: 'recheck', force: true });
    expect(await runDiagnoseJob(busy, { ...deps, queue, busyRetrySeconds: 7 })).toBe('deferred:busy');
    expect(queue.pending.map((p) => [p.job.jobId, p.job.deferrals])).toEqual([[busy.jobId, 1]]);
    expect(queue.delays).toEqual([7]);
    // Without a queue to hand it back to, it throws: the runtime retries it, it is never dropped.
    await expect(runDiagnoseJob(busy, deps)).rejects.toThrow(/incident busy/);
    const retry = { ...newJob({ incidentId: id, cluster, reason: 'new' }), jobId: '11111111-1111-4111-8111-111111111111' };
    expect(await runDiagnoseJob(retry, deps)).toBe('diagnosed');
    expect(diagnoser.runs).toHaveLength(1);
  });

  it('throws on failure after recording why (for the poison queue), and a retry reuses the posted message', async () => {
    const { store, chat, diagnoser, deps } = await setup();
    diagnoser.fail = new Error('ARM 503 after retries');
    const job = newJob({ incidentId: id, cluster, reason: 'new' });
    await expect(runDiagnoseJob(job, deps, { dequeueCount: 1 })).rejects.toThrow('ARM 503');
    expect(await store.jobFailures()).toEqual([expect.objectContaining({ jobId: job.jobId, attempt: 1, error: 'Error: ARM 503 after retries' })]);
    expect((await store.get(cluster, id))?.lastError).toMatch(/ARM 503/);
    diagnoser.fail = undefined;
    expect(await runDiagnoseJob(job, deps, { dequeueCount: 2 })).toBe('diagnosed');
    expect(chat.count('start')).toBe(1);
    expect((await store.get(cluster, id))?.lastError).toBeUndefined();
  });

  it('resolves when a re-check after a push passes, and posts how in the thread', async () => {
    const { store, chat, diagnoser, deps } = await setup();
    diagnoser.outcome = () => 'should_work';
    const job = newJob({ incidentId: id, cluster, reason: 'image-pushed', force: true, resolveIfPasses: 'image pushed (shop/web:v1.2)' });
    expect(await runDiagnoseJob(job, deps)).toBe('resolved');
    expect(await store.get(cluster, id)).toMatchObject({ status: 'resolved', resolvedReason: 'image pushed (shop/web:v1.2)' });
    expect(chat.calls.at(-1)).toEqual({ method: 'resolved', text: 'image pushed (shop/web:v1.2)' });
  });

  it('posts the resolution of an alert-resolved incident; skips resolved, muted and unknown incidents; drops unreadable messages', async () => {
    const { store, chat, deps, log } = await setup();
    await runDiagnoseJob(newJob({ incidentId: id, cluster, reason: 'new' }), deps);
    await store.update(cluster, id, (c) => c && { ...c, status: 'resolved', resolvedReason: 'alert resolved' });
    expect(await runDiagnoseJob(newJob({ incidentId: id, cluster, reason: 'alert-resolved' }), deps)).toBe('notified');
    expect(chat.calls.at(-1)).toEqual({ method: 'resolved', text: 'alert resolved' });
    expect(await runDiagnoseJob(newJob({ incidentId: id, cluster, reason: 'pods-added' }), deps)).toBe('skipped:resolved');
    await store.update(cluster, id, (c) => c && { ...c, status: 'muted', mutedUntil: '2026-11-25T23:00:00Z' });
    expect(await runDiagnoseJob(newJob({ incidentId: id, cluster, reason: 'pods-added' }), deps)).toBe('skipped:muted');
    expect(await runDiagnoseJob(newJob({ incidentId: 'b'.repeat(32), cluster, reason: 'new' }), deps)).toBe('skipped:missing');
    expect(await runDiagnoseJob('{"not":"a job"}', deps)).toBe('skipped:invalid');
    expect(log.lines.some((l) => l.startsWith('error: diagnose job: unreadable message'))).toBe(true);
  });
});

import path from 'node:path';
import type { ImpactReport } from '../../lib/model';
import { runQueuedJob } from '../../lib/jobs/run-queued-job';
import type { JobDeps } from '../../lib/jobs/run-diagnose-job';
import type { ChatJobDeps } from '../../lib/jobs/run-chat-command-job';
import { handleChangeEvents, type ChangeIntakeDeps } from '../../lib/prevent/change-handler';
import { parseChangeEvents } from '../../lib/prevent/parse-change-events';
import { startSandboxImpact } from '../../lib/prevent/impact-in-sandbox';
import { applyChangesToWorld } from '../../lib/prevent/world-change';
import type { ImpactAnalyzer, WarningPort } from '../../lib/prevent/ports';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';

const world = loadWorld(path.join(WORLDS_DIR, 'change-burst-deletes.yaml'));
const events = world.change as unknown[];
const notUsed = () => {
  throw new Error('not a diagnose or chat job');
};

function logs() {
  const lines: Array<[string, string]> = [];
  return { lines, log: { info: (m: string) => lines.push(['info', m]), warn: (m: string) => lines.push(['warn', m]), error: (m: string) => lines.push(['error', m]) } };
}

function intakeDeps(queue: MemoryJobQueue): ChangeIntakeDeps {
  const keys = new Set<string>();
  return {
    seen: async (k) => keys.has(k),
    remember: async (k) => void keys.add(k),
    queue,
    debounceSeconds: 120,
    registryInScope: () => true,
  };
}

describe('change → queue → impact job → warning', () => {
  it('a burst over two deliveries is one impact job, delayed to the end of its window; redelivery adds none', async () => {
    const queue = new MemoryJobQueue();
    const deps = intakeDeps(queue);
    const { log } = logs();
    const now = new Date('2026-11-25T21:50:20Z');
    const first = await handleChangeEvents(deps, events.slice(0, 2), log, undefined, now);
    const second = await handleChangeEvents(deps, events.slice(2), log, undefined, now);
    const again = await handleChangeEvents(deps, events, log, undefined, now);
    expect(first).toMatchObject({ changes: 1, enqueued: 1 });
    expect(second).toMatchObject({ changes: 1, folded: 1, enqueued: 0 });
    expect(again).toMatchObject({ folded: 1, enqueued: 0 });
    expect(queue.impacts).toHaveLength(1);
    expect(queue.delays).toEqual([100]); // window 21:50:00–21:52:00
  });

  it('runs the job on the sandbox and publishes the report through the WarningPort', async () => {
    const queue = new MemoryJobQueue();
    await handleChangeEvents(intakeDeps(queue), events, logs().log, undefined, new Date('2026-11-25T21:50:20Z'));
    const parsed = await parseChangeEvents(events);
    const changes = parsed.flatMap((p) => (p.kind === 'change' ? [p.change] : []));
    const { analyzer, stop } = await startSandboxImpact(applyChangesToWorld(world, changes));
    const published: ImpactReport[] = [];
    const warnings: WarningPort = { publish: async (r) => void published.push(r) };
    const { log } = logs();
    try {
      const outcomes: unknown[] = [];
      await queue.drain(async (job, dequeueCount) =>
        outcomes.push(await runQueuedJob(job, { diagnose: notUsed as () => JobDeps, chat: notUsed as () => ChatJobDeps, impact: () => ({ analyzer, warnings, log }) }, { dequeueCount })),
      );
      expect(outcomes).toEqual(['impact:at-risk']);
    } finally {
      await stop();
    }
    expect(published).toHaveLength(1);
    expect(published[0]!.atRisk.map((w) => `${w.namespace}/${w.workload}`)).toEqual(['shop/Deployment/web']);
    expect(published[0]!.change.eventIds).toHaveLength(3);
  }, 60_000);

  it('a failing analysis is retried, and its last attempt is logged as poisoned and kept in the poison queue', async () => {
    const queue = new MemoryJobQueue(5);
    await handleChangeEvents(intakeDeps(queue), events, logs().log, undefined, new Date('2026-11-25T21:50:20Z'));
    const { lines, log } = logs();
    let calls = 0;
    const analyzer: ImpactAnalyzer = {
      analyze: async () => {
        calls++;
        throw new Error('Log Analytics: 503 Service Unavailable');
      },
    };
    await queue.drain((job, dequeueCount) => runQueuedJob(job, { diagnose: notUsed as () => JobDeps, chat: notUsed as () => ChatJobDeps, impact: () => ({ analyzer, warnings: { publish: async () => undefined }, log }) }, { dequeueCount }));
    expect(calls).toBe(5);
    expect(queue.poison).toHaveLength(1);
    expect(lines.filter(([level]) => level === 'warn')).toHaveLength(4);
    expect(lines.filter(([level, m]) => level === 'error' && /impact job .* poisoned: Error: Log Analytics: 503/.test(m))).toHaveLength(1);
  });
});

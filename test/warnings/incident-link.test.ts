import { MemoryIncidentStore } from '../../lib/incidents/memory-incident-store';
import { Intake } from '../../lib/intake/intake';
import { silentLogger } from '../../lib/intake/logger';
import type { PullFailure } from '../../lib/model';
import { MemoryJobQueue } from '../../lib/queue/job-queue';
import { renderSlack, renderText } from '../../lib/render';
import { MemoryWarningStore } from '../../lib/warnings/memory-warning-store';
import { fixtureDiagnosis } from '../commands/command-fixtures';
import { CLUSTER, report, warningOf } from './fixtures';

/** A pull failure of a (cluster, image) an open warning named: the incident links to the warning, and its diagnosis says so. */
const failure = (image: string): PullFailure => ({
  cluster: CLUSTER,
  namespace: 'shop',
  pod: 'web-1',
  image,
  reason: 'Failed',
  message: `Failed to pull image "${image}": not found`,
  lastSeen: '2026-11-25T21:30:00.000Z',
  firstSeen: '2026-11-25T21:30:00.000Z',
  source: 'k8s-event',
});

async function ingest(image: string, status: 'open' | 'resolved' = 'open') {
  const store = new MemoryIncidentStore();
  const warnings = new MemoryWarningStore();
  const w = warningOf(report(), { status, createdAt: '2026-11-25T21:04:00.000Z' });
  await warnings.update(w.id, () => w);
  const intake = new Intake({
    store,
    queue: new MemoryJobQueue(),
    classify: () => 'tag_not_found',
    log: silentLogger,
    settings: { debounceMinutes: 10, allowedClusters: [], allowedRegistries: [] },
    now: () => new Date('2026-11-25T21:30:30Z'),
    warnings,
  });
  await intake.ingest([failure(image)]);
  const [incident] = await store.list();
  return { incident: incident!, w };
}

describe('pull-failure incident ↔ warning', () => {
  it('records the open warning of its (cluster, image) and says "warned N min before"', async () => {
    const { incident, w } = await ingest('myacr.azurecr.io/shop/web:v1.2');
    expect(incident.warnedBy).toEqual({ warningId: w.id, at: '2026-11-25T21:04:00.000Z', summary: `4 pods at risk after change ${w.changeId}` });
    const diagnosis = fixtureDiagnosis();
    expect(renderText(diagnosis, incident)).toContain(`warned 26 min before: warning ${w.id.slice(0, 12)}`);
    expect(JSON.stringify(renderSlack(diagnosis, incident))).toContain('warned 26 min before');
  });

  it('links nothing for another image or a resolved warning', async () => {
    expect((await ingest('myacr.azurecr.io/shop/web:v9')).incident.warnedBy).toBeUndefined();
    expect((await ingest('myacr.azurecr.io/shop/web:v1.2', 'resolved')).incident.warnedBy).toBeUndefined();
  });
});

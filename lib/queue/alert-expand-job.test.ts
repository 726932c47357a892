import { ALERT_JOB_MAX_JSON_BYTES, newAlertExpandJob } from './alert-expand-job';
import { encodeJobMessage } from './diagnose-job';
import { poisonBody } from './job-queue';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const alert = (pods: Array<Record<string, string>>) => ({
  alertId: '/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.AlertsManagement/alerts/1',
  rule: 'pull-doctor-image-pull-failures',
  signal: 'log' as const,
  window: { start: '2026-11-25T21:00:00.000Z', end: '2026-11-25T21:05:00.000Z' },
  firingKey: 'alert|pull-doctor-image-pull-failures|2026-11-25T21:00:00.000Z|2026-11-25T21:05:00.000Z|Fired',
  cluster: CLUSTER,
  workspaceIds: ['11111111-2222-3333-4444-555555555555'],
  pods,
});
const queueLimit = 64 * 1024;

describe('alert job (the webhook → queue hand-off)', () => {
  it('keeps a small alert whole', () => {
    const made = newAlertExpandJob(alert([{ namespace: 'shop', pod: 'web-1', image: 'pdacr.azurecr.io/shop/web:v1' }]));
    expect(made).toMatchObject({ ok: true, job: { kind: 'alert-expand', alert: { pods: [{ pod: 'web-1' }], podsLeftOut: 0 } } });
  });

  it.each([
    ['many pods', 2_000, 60],
    ['long dimension values at their bounds', 150, 250],
  ])('fits the Storage queue message with %s: pods left out are counted, so the job reads the whole window', (_n, count, length) => {
    const pods = Array.from({ length: count }, (_, i) => ({ cluster: CLUSTER, namespace: 'n'.repeat(Math.min(length, 253)), pod: `p${i}-${'x'.repeat(length)}`, container: 'c'.repeat(Math.min(length, 253)), image: `pdacr.azurecr.io/${'r'.repeat(length)}:v${i}`, reason: 'ErrImagePull' }));
    const made = newAlertExpandJob(alert(pods));
    if (!made.ok) throw new Error(made.reason);
    expect(made.job.alert.pods.length).toBeGreaterThan(0);
    expect(made.job.alert.pods.length + made.job.alert.podsLeftOut).toBe(count);
    expect(made.job.alert.podsLeftOut).toBeGreaterThan(0);
    expect(Buffer.byteLength(JSON.stringify(made.job))).toBeLessThanOrEqual(ALERT_JOB_MAX_JSON_BYTES);
    expect(encodeJobMessage(made.job).length).toBeLessThan(queueLimit);
  });

  it('leaves out a dimension value longer than its field allows (not clipped), and refuses an alert whose own fields break their bounds', () => {
    const made = newAlertExpandJob(alert([{ namespace: 'shop', pod: 'p'.repeat(254), image: 'pdacr.azurecr.io/shop/web:v1' }]));
    expect(made).toMatchObject({ ok: true, job: { alert: { pods: [{ namespace: 'shop', image: 'pdacr.azurecr.io/shop/web:v1' }] } } });
    expect(made.ok && made.job.alert.pods[0]).not.toHaveProperty('pod');
    expect(newAlertExpandJob({ ...alert([]), rule: 'r'.repeat(1025) })).toMatchObject({ ok: false, reason: expect.stringMatching(/^alert\.rule: /) });
  });

  it('is described, not shown as unreadable, when it ends in the poison queue', () => {
    const made = newAlertExpandJob(alert([]));
    if (!made.ok) throw new Error(made.reason);
    expect(poisonBody(encodeJobMessage(made.job))).toEqual({ alertExpansion: 'alert pull-doctor-image-pull-failures (log) firing 2026-11-25T21:00:00.000Z..2026-11-25T21:05:00.000Z, 0 pod(s)' });
  });
});

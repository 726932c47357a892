import type { AtRiskWorkload, Change, ImpactReport } from '../../lib/model';
import { keysOf, totalsOf, warningId, type Warning } from '../../lib/warnings/warning';

/** Reports as the impact analysis returns them (lib/model/change.ts), for store, render and publish tests. */
export const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';

export function tagDeleted(overrides: Partial<Change> = {}): Change {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    kind: 'tag-deleted',
    at: '2026-11-25T21:00:00.000Z',
    registry: { loginServer: 'myacr.azurecr.io', repository: 'shop/web', tags: ['v1.2'] },
    eventIds: ['a1b2c3d4-0000-4000-8000-000000000001'],
    checks: ['repository-tag'],
    ...overrides,
  };
}

export function atRisk(name: string, pods: number, overrides: Partial<AtRiskWorkload> = {}): AtRiskWorkload {
  return {
    cluster: CLUSTER,
    namespace: 'shop',
    workload: `Deployment/${name}`,
    pods,
    image: 'myacr.azurecr.io/shop/web:v1.2',
    nodePools: ['nodepool1'],
    checkId: 'repository-tag',
    summary: 'tag v1.2 does not exist in myacr.azurecr.io/shop/web',
    evidence: [
      { fact: 'GET /v2/shop/web/manifests/v1.2 answered 404 MANIFEST_UNKNOWN', source: 'registry myacr.azurecr.io' },
      { fact: 'newest tags: v1.3, v1.1', source: 'registry GET /v2/shop/web/tags/list' },
    ],
    fix: { text: 'Push v1.2 again, or point the workload at an existing tag.', command: 'kubectl -n shop set image deployment/web web=myacr.azurecr.io/shop/web:v1.3' },
    ...overrides,
  };
}

export function report(overrides: Partial<ImpactReport> = {}): ImpactReport {
  return {
    change: tagDeleted({ principal: 'pipeline-cleanup (appid 7d3c…)' }),
    atRisk: [atRisk('web', 3), atRisk('web-canary', 1)],
    undecided: [],
    considered: 2,
    checked: 2,
    requests: { logs: 1, arm: 2, registry: 2 },
    ...overrides,
  };
}

export function warningOf(r: ImpactReport, overrides: Partial<Warning> = {}): Warning {
  return {
    id: warningId(r.change.id),
    changeId: r.change.id,
    status: 'open',
    report: r,
    totals: totalsOf(r),
    keys: keysOf(r),
    createdAt: '2026-11-25T21:04:00.000Z',
    updatedAt: '2026-11-25T21:04:00.000Z',
    ...overrides,
  };
}

/** A change hitting `n` workloads of one pod each, in as many namespaces, with long evidence: a report far over a Table property. */
export function hugeReport(n: number): ImpactReport {
  const workloads = Array.from({ length: n }, (_, i) =>
    atRisk(`svc-${i}`, 1, {
      namespace: `team-${i}`,
      image: `myacr.azurecr.io/team-${i}/svc:v1.2`,
      evidence: Array.from({ length: 8 }, (_, j) => ({ fact: `fact ${j} ${'x'.repeat(400)}`, source: 'registry' })),
    }),
  );
  return report({ atRisk: workloads, considered: n, checked: n });
}

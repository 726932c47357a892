import { rejectReason } from './bound-failure';
import { completeAlertPods, parseAlert } from './parse-alert';

// Azure Monitor lowercases resource ids: `alertTargetIDs` in every documented sample payload
// (test/conformance/alerts) and Log Analytics' `_ResourceId` column. ARM ids are case-insensitive,
// so such an id names its cluster like any other.
const SUB = '00000000-0000-0000-0000-000000000001';
const LOWER = `/subscriptions/${SUB}/resourcegroups/rg-aks/providers/microsoft.containerservice/managedclusters/aks-prod`;
const alert = (essentials: Record<string, unknown>, dimensions: Array<{ name: string; value: string }>) => ({
  schemaId: 'azureMonitorCommonAlertSchema',
  data: {
    essentials: { alertId: `/subscriptions/${SUB}/providers/Microsoft.AlertsManagement/alerts/4b7d1e2a-9c3f-4e8b-a1d5-6f0c2b8e7a91`, alertRule: 'r', monitorCondition: 'Fired', firedDateTime: '2026-11-25T21:05:00Z', ...essentials },
    alertContext: { conditionType: 'LogQueryCriteria', condition: { windowSize: 'PT5M', allOf: [{ searchQuery: 'KubeEvents', dimensions, metricValue: 2 }] } },
  },
});

describe('lowercased resource ids from Azure Monitor', () => {
  it('takes the cluster from a lowercased alert target', () => {
    const parsed = parseAlert(alert({ alertTargetIDs: [LOWER] }, []));
    expect(parsed).toMatchObject({ kind: 'alert', cluster: LOWER });
  });

  it('keeps a failure whose cluster came from a lowercased _ResourceId dimension', () => {
    const parsed = parseAlert(
      alert({ alertTargetIDs: [] }, [
        { name: '_ResourceId', value: LOWER },
        { name: 'Namespace', value: 'shop' },
        { name: 'Name', value: 'web-1' },
        { name: 'Image', value: 'pdacr.azurecr.io/shop/web:v1.2' },
      ]),
    );
    if (parsed.kind !== 'alert') throw new Error(parsed.reason);
    const [failure] = completeAlertPods(parsed, parsed.pods);
    expect(failure).toMatchObject({ cluster: LOWER, pod: 'web-1', count: 2 });
    expect(rejectReason(failure!, () => undefined)).toBeUndefined();
  });
});

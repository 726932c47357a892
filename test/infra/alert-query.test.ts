import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { PULL_FAILURE_ALERT_QUERY } from '../../lib/logs/kql-templates';
import { INFRA, read } from './bicep-text';

/** One source of truth for the alert KQL: the code's template, deployed verbatim by infra/. */
const KQL_FILE = join(INFRA, 'alerts', 'pull-failure-alert.kql');
const REGENERATE = 'UPDATE_GENERATED=1 npx jest test/infra';

// Opt-in regeneration (see settings.test.ts): copy the code's template into the file Bicep loads.
if (process.env.UPDATE_GENERATED === '1') writeFileSync(KQL_FILE, PULL_FAILURE_ALERT_QUERY);

const main = read(join(INFRA, 'main.bicep'));
const alerts = read(join(INFRA, 'modules', 'alerts.bicep'));

describe('pull-failure log alert', () => {
  it(`deploys exactly PULL_FAILURE_ALERT_QUERY (regenerate: ${REGENERATE})`, () => {
    // Byte for byte: loadTextContent keeps a trailing newline, so the file has none.
    expect(read(KQL_FILE)).toBe(PULL_FAILURE_ALERT_QUERY);
    expect(main).toContain("query: loadTextContent('alerts/pull-failure-alert.kql')");
    expect(alerts).toMatch(/^\s+query: query$/m);
  });

  it('uses dimensions the query returns: cluster, namespace, pod and image', () => {
    const defaults = /param dimensionColumns string\[\] = \[([^\]]*)\]/.exec(alerts);
    expect(defaults).not.toBeNull();
    const columns = [...defaults![1].matchAll(/'(\w+)'/g)].map((m) => m[1]);
    expect(columns).toEqual(expect.arrayContaining(['ClusterId', 'Namespace', 'Name', 'Image']));
    expect(columns.length).toBeLessThanOrEqual(6); // log search alerts allow at most 6 dimensions
    const by = /\| summarize .* by (.+)$/m.exec(PULL_FAILURE_ALERT_QUERY);
    expect(by).not.toBeNull();
    const grouped = by![1].split(',').map((c) => c.trim());
    expect(columns.filter((c) => !grouped.includes(c))).toEqual([]);
  });

  it('is a log search alert v2 evaluated every 1–5 minutes that also sends Resolved', () => {
    expect(alerts).toMatch(/'Microsoft\.Insights\/scheduledQueryRules@(\d{4}-\d{2}-\d{2})(-preview)?'/);
    const version = /scheduledQueryRules@(\d{4}-\d{2}-\d{2})/.exec(alerts)![1];
    expect(version >= '2023-03-15').toBe(true);
    expect(alerts).toMatch(/kind: 'LogAlert'/);
    const allowed = /@allowed\(\[([^\]]+)\]\)\nparam evaluationFrequency string = '(PT\dM)'/.exec(alerts);
    expect(allowed).not.toBeNull();
    const minutes = [...allowed![1].matchAll(/'PT(\d+)M'/g)].map((m) => Number(m[1]));
    expect(minutes.every((m) => m >= 1 && m <= 5)).toBe(true);
    const window = Number(/param windowSize string = 'PT(\d+)M'/.exec(alerts)![1]);
    expect(window).toBeGreaterThanOrEqual(2 * Number(allowed![2].slice(2, -1)));
    expect(alerts).toMatch(/autoMitigate: true/);
    expect(alerts).toMatch(/scopes: \[workspaceId\]/);
  });

  it('calls the alert endpoint with the function key through an action group in the common alert schema', () => {
    expect(alerts).toMatch(/useCommonAlertSchema: true/);
    expect(alerts).toMatch(
      /var alertEndpoint = 'https:\/\/\$\{site\.properties\.defaultHostName\}\/api\/alerts\?code=\$\{listKeys\('\$\{site\.id\}\/host\/default', '[\d-]+'\)\.functionKeys\.default\}'/,
    );
    expect(alerts).toMatch(/serviceUri: alertEndpoint/);
    expect(alerts).toMatch(/actionGroups: \[actionGroup\.id\]/);
    // The key must never leave the deployment as an output.
    expect(alerts).not.toMatch(/^output .*alertEndpoint/m);
  });

  it('offers the managed Prometheus rule on kube_pod_container_status_waiting_reason', () => {
    expect(alerts).toMatch(/Microsoft\.AlertsManagement\/prometheusRuleGroups@/);
    expect(alerts).toContain('kube_pod_container_status_waiting_reason{reason=~"ErrImagePull|ImagePullBackOff"}');
    expect(main).toMatch(/prometheusTargets: prometheusAlertTargets/);
  });
});

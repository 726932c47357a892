import type { PullFailure } from '../model';
import { CommonAlertSchema, COMMON_ALERT_SCHEMA_ID, type AlertCriterion } from './alert-schema';
import { isAksClusterId, isGuid } from './names';

/** What a pod row of an alert says before intake fills the gaps (image, cluster) from Log Analytics. */
export interface AlertPod {
  cluster?: string;
  namespace?: string;
  pod?: string;
  container?: string;
  image?: string;
  reason?: string;
  count?: number;
}

export type ParsedAlert =
  | { kind: 'ignored'; reason: string }
  | { kind: 'malformed'; reason: string }
  | {
      kind: 'alert';
      alertId: string;
      rule: string;
      condition: 'Fired' | 'Resolved';
      signal: 'log' | 'metric' | 'prometheus';
      window: { start: Date; end: Date };
      /** Stateless log alerts fire on every evaluation: rule + window identifies one firing. */
      firingKey: string;
      /** Cluster named by the alert target, if it is an AKS cluster. */
      cluster?: string;
      /** Workspace ids from the search result links (the alert's Log Analytics workspace). */
      workspaceIds: string[];
      /** Rows the dimensions describe; empty when the payload only counts rows. */
      pods: AlertPod[];
      /** Rows the alert counted (log alerts: metricValue), when known. */
      rowCount?: number;
      /** What says whose alert this is (lib/intake/alert-ownership.ts decides). */
      origin: AlertOrigin;
      /** Azure Monitor's "Test action group" payload (mocked metadata, no real condition). */
      testAction: boolean;
    };

/** The parts of an alert that tell whether pull-doctor's infra made its rule. */
export interface AlertOrigin {
  rule: string;
  /** Prometheus: the rule group's ARM id. */
  ruleGroup?: string;
  /** Log search alert v2: each criterion's query. */
  searchQueries: string[];
  /** Prometheus: the rule's PromQL. */
  expression?: string;
  /** Dimension (log, metric) and label (Prometheus) names, lowercase. */
  dimensionNames: string[];
  /** Prometheus label `reason` (the waiting reason), when present. */
  reasonLabel?: string;
}

const DEFAULT_WINDOW_MS = 15 * 60_000;

function isoDuration(text: string | null | undefined): number | undefined {
  const m = text ? /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text) : null;
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

function validDate(text: string | undefined | null): Date | undefined {
  if (!text) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

const DIMENSION_FIELDS: Record<string, keyof AlertPod> = {
  clusterid: 'cluster',
  _resourceid: 'cluster',
  'microsoft.resourceid': 'cluster',
  // Prometheus label names cannot hold dots: the rule adds the cluster's ARM id as `cluster_id`.
  cluster_id: 'cluster',
  microsoft_resourceid: 'cluster',
  namespace: 'namespace',
  name: 'pod',
  pod: 'pod',
  podname: 'pod',
  container: 'container',
  containername: 'container',
  image: 'image',
  reason: 'reason',
};

function podFrom(pairs: Array<{ name: string; value: string }>): AlertPod {
  const pod: AlertPod = {};
  for (const { name, value } of pairs) {
    const field = DIMENSION_FIELDS[name.toLowerCase()];
    if (field && field !== 'count' && value) pod[field] = value;
  }
  return pod;
}

/** `https://api.loganalytics.io/v1/workspaces/<guid>/query?…` → the workspace id. */
export function workspaceFromLink(link: string | null | undefined): string | undefined {
  const id = link ? /\/workspaces\/([0-9a-fA-F-]{36})\//.exec(link)?.[1] : undefined;
  return id && isGuid(id) ? id.toLowerCase() : undefined;
}

/**
 * The action group's "Test action group" button sends the documented sample payloads with mocked
 * alert ids (https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-payload-samples#sample-payloads-for-test-actions):
 * `…/alerts/eeeeeeee-4444-5555-6666-ffffffffffff`, `…/Test_Alert`, `…/alerts/1234abcd5678efgh…`.
 */
const TEST_ALERT_ID = /\/(?:eeeeeeee-4444-5555-6666-ffffffffffff|Test_Alert|(?:1234abcd5678efgh){4})$/;

/** Reads an Azure Monitor action-group call (common alert schema). Never throws. */
export function parseAlert(body: unknown): ParsedAlert {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'malformed', reason: 'body is not a JSON object' };
  const schemaId = (body as { schemaId?: unknown }).schemaId;
  if (schemaId !== COMMON_ALERT_SCHEMA_ID) {
    return { kind: 'ignored', reason: `schemaId ${JSON.stringify(schemaId ?? null)} is not ${COMMON_ALERT_SCHEMA_ID}` };
  }
  const parsed = CommonAlertSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { kind: 'malformed', reason: `${issue.path.join('.')}: ${issue.message}` };
  }
  const { essentials, alertContext } = parsed.data.data;
  const fired = validDate(essentials.firedDateTime);
  if (!fired) return { kind: 'malformed', reason: 'data.essentials.firedDateTime: not a date' };

  const condition = alertContext?.condition;
  const criteria: AlertCriterion[] = condition?.allOf ?? [];
  const labels = alertContext?.labels;
  const signal: 'log' | 'metric' | 'prometheus' =
    alertContext?.conditionType === 'LogQueryCriteria' || criteria.some((c) => c.searchQuery != null)
      ? 'log'
      : labels || /prometheus/i.test(essentials.monitoringService ?? '')
        ? 'prometheus'
        : 'metric';

  const start = validDate(condition?.windowStartTime ?? criteria[0]?.windowStartTime);
  const end = validDate(condition?.windowEndTime ?? criteria[0]?.windowEndTime);
  const windowMs = isoDuration(condition?.windowSize) ?? DEFAULT_WINDOW_MS;
  const window = start && end && start <= end ? { start, end } : { start: new Date(fired.getTime() - windowMs), end: fired };

  const cluster = essentials.alertTargetIDs.find((id) => isAksClusterId(id));
  const workspaceIds = [
    ...new Set(criteria.flatMap((c) => [workspaceFromLink(c.linkToFilteredSearchResultsAPI), workspaceFromLink(c.linkToSearchResultsAPI)]).filter((w): w is string => !!w)),
  ];

  const pods: AlertPod[] = [];
  for (const c of criteria) {
    // Metric alerts on the waiting-reason metric name the kubelet reason in the metric's own dimension.
    if (c.dimensions.length > 0) pods.push({ ...podFrom(c.dimensions), ...(c.metricValue != null ? { count: Math.max(0, Math.round(c.metricValue)) } : {}) });
  }
  if (labels) pods.push(podFrom(Object.entries(labels).map(([name, value]) => ({ name, value }))));
  const withPod = pods.filter((p) => p.pod || p.image);
  const rowCount = criteria.find((c) => c.metricValue != null)?.metricValue ?? undefined;
  const rule = essentials.alertRule ?? essentials.alertId;
  const origin: AlertOrigin = {
    rule,
    ...(alertContext?.ruleGroup ? { ruleGroup: alertContext.ruleGroup } : {}),
    searchQueries: criteria.flatMap((c) => (c.searchQuery ? [c.searchQuery] : [])),
    ...(alertContext?.expression ? { expression: alertContext.expression } : {}),
    dimensionNames: [...criteria.flatMap((c) => c.dimensions.map((d) => d.name)), ...Object.keys(labels ?? {})].map((n) => n.toLowerCase()),
    ...(labels?.reason ? { reasonLabel: labels.reason } : {}),
  };

  return {
    kind: 'alert',
    alertId: essentials.alertId,
    rule,
    condition: essentials.monitorCondition,
    signal,
    window,
    firingKey: `alert|${rule}|${window.start.toISOString()}|${window.end.toISOString()}|${essentials.monitorCondition}`,
    cluster,
    workspaceIds,
    pods: withPod,
    ...(rowCount != null ? { rowCount } : {}),
    origin,
    testAction: TEST_ALERT_ID.test(essentials.alertId),
  };
}

/** Alert rows that already name cluster, pod and image, as PullFailures. */
export function completeAlertPods(alert: Pick<Extract<ParsedAlert, { kind: 'alert' }>, 'signal' | 'cluster' | 'window'>, pods: AlertPod[]): PullFailure[] {
  const source = alert.signal === 'prometheus' ? 'prometheus-alert' : 'alert';
  return pods
    .filter((p) => p.image)
    .map((p) => ({
      cluster: p.cluster ?? alert.cluster,
      namespace: p.namespace,
      pod: p.pod,
      container: p.container,
      image: p.image!,
      reason: p.reason,
      lastSeen: alert.window.end.toISOString(),
      ...(p.count !== undefined ? { count: p.count } : {}),
      source,
    }));
}

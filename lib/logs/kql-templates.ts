import { isAksClusterId, isDnsSubdomain, isNamespace, isNodeName, isPodName, isRegistryHost, isRepositoryName, requireName } from '../intake/names';

/**
 * Every KQL query pull-doctor sends to Log Analytics, as templates with typed parameters.
 * Values are validated against their name grammars first and then rendered by `kqlString` /
 * `kqlDatetime` only — never concatenated raw. test/intake/kql.test.ts checks each template with
 * @kusto/language-service-next against the Container insights table schemas
 * (lib/logs/container-insights-tables.ts).
 */

/**
 * A KQL string literal for any text. KQL single-quoted strings take backslash escapes
 * (https://learn.microsoft.com/kusto/query/scalar-data-types/string): `\\` and `\'`, plus
 * `\n`/`\r`/`\t`; other control characters are written as `\uXXXX`.
 */
export function kqlString(value: string): string {
  let out = "'";
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** `datetime(2026-11-25T22:00:00.000Z)` from a valid Date (rejects Invalid Date). */
export function kqlDatetime(value: Date): string {
  if (Number.isNaN(value.getTime())) throw new Error('not a valid time');
  return `datetime(${value.toISOString()})`;
}

/** `('a', 'b')` for `in` — each value already validated by the caller. */
function kqlStringList(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

/** Kubelet Warning reasons that carry image pull failures. */
export const PULL_FAILURE_REASONS = ['Failed', 'BackOff', 'InspectFailed', 'ErrImageNeverPull'] as const;

/**
 * The image inside a kubelet message: `Failed to pull image "x": …`, `Back-off pulling image "x"`,
 * `Container image "x" is not present with pull policy of Never`, `Failed to apply default image tag "x": …`.
 * RE2 syntax, so the same pattern serves KQL `extract()` and JavaScript (lib/logs/sandbox-container-insights.ts).
 */
export const IMAGE_IN_MESSAGE_PATTERN = 'image(?: tag)? "([^"]+)"';

/** The shared body: pod Warning events about pulling an image, with the image extracted. */
const PULL_FAILURE_EVENTS = [
  'KubeEvents',
  `| where KubeEventType == 'Warning' and ObjectKind == 'Pod'`,
  `| where Reason in ${kqlStringList(PULL_FAILURE_REASONS)}`,
  `| extend Image = extract(${kqlString(IMAGE_IN_MESSAGE_PATTERN)}, 1, Message)`,
  '| where isnotempty(Image)',
].join('\n');

/**
 * The log search alert rule's query (infra/ deploys exactly this text). One row per cluster, pod
 * and image; the dimensions ClusterId, Namespace, Name, Image and Reason reach the alert webhook.
 */
export const PULL_FAILURE_ALERT_QUERY = [
  PULL_FAILURE_EVENTS,
  '| summarize FailedEvents = sum(Count), LastSeen = max(LastSeen) by ClusterId, Namespace, Name, Image, Reason',
].join('\n');

export interface TimeWindow {
  start: Date;
  end: Date;
}

function windowFilter(window: TimeWindow): string {
  if (!(window.start.getTime() <= window.end.getTime())) throw new Error('time window starts after it ends');
  return `| where TimeGenerated between (${kqlDatetime(window.start)} .. ${kqlDatetime(window.end)})`;
}

function clusterFilter(cluster: string | undefined): string[] {
  return cluster ? [`| where ClusterId =~ ${kqlString(requireName('AKS cluster id', cluster, isAksClusterId))}`] : [];
}

/** Failing pods and their last message in a window (optionally one cluster). Columns: see FailingPodRow. */
export function failingPodsQuery(params: TimeWindow & { cluster?: string; namespace?: string; limit?: number }): string {
  const limit = params.limit ?? 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new Error('limit must be 1..10000');
  return [
    PULL_FAILURE_EVENTS.replace(/^KubeEvents/, `KubeEvents\n${windowFilter(params)}`),
    ...clusterFilter(params.cluster),
    ...(params.namespace ? [`| where Namespace == ${kqlString(requireName('namespace', params.namespace, isNamespace))}`] : []),
    '| summarize arg_max(LastSeen, Message, Reason, Computer), FirstSeen = min(FirstSeen), Count = sum(Count) by ClusterId, Namespace, Name, Image',
    '| project ClusterId, Namespace, Pod = Name, Image, Reason, Message, Node = Computer, FirstSeen, LastSeen, Count',
    '| order by LastSeen desc',
    `| take ${limit}`,
  ].join('\n');
}

/** A pod's containers, controller, node and (for created containers) image. Columns: see PodContainerRow. */
export function podDetailsQuery(params: TimeWindow & { cluster: string; namespace: string; pod: string }): string {
  const namespace = kqlString(requireName('namespace', params.namespace, isNamespace));
  const pod = kqlString(requireName('pod name', params.pod, isPodName));
  return [
    'KubePodInventory',
    windowFilter(params),
    ...clusterFilter(params.cluster),
    `| where Namespace == ${namespace} and Name == ${pod}`,
    // ContainerName is `<pod uid>/<container>`.
    '| extend Container = tostring(split(ContainerName, "/")[1])',
    '| summarize arg_max(TimeGenerated, ControllerKind, ControllerName, Computer, PodStatus, ContainerStatus, ContainerStatusReason, PodUid) by Container',
    '| join kind=leftouter (',
    '    ContainerInventory',
    `    ${windowFilter(params)}`,
    `    | where ContainerHostname == ${pod}`,
    '    | summarize arg_max(TimeGenerated, Image, ImageTag, Repository) by Name',
    '  ) on $left.Container == $right.Name',
    '| project Container, ControllerKind, ControllerName, Node = Computer, PodStatus, ContainerStatus, ContainerStatusReason, Image, ImageTag, Repository',
  ].join('\n');
}

/** OS, architecture and agent pool of nodes, from their labels. Columns: see NodeLabelRow. */
export function nodeLabelsQuery(params: TimeWindow & { cluster: string; nodes: readonly string[] }): string {
  if (params.nodes.length === 0 || params.nodes.length > 1000) throw new Error('nodes must list 1..1000 node names');
  const nodes = params.nodes.map((n) => requireName('node name', n, isNodeName));
  return [
    'KubeNodeInventory',
    windowFilter(params),
    ...clusterFilter(params.cluster),
    `| where Computer in~ ${kqlStringList(nodes)}`,
    '| summarize arg_max(TimeGenerated, Labels, OperatingSystem, KubeletVersion, Status) by Computer',
    // Labels is a JSON array holding one object of label → value.
    '| extend LabelMap = parse_json(Labels)[0]',
    "| project Node = Computer, Arch = tostring(LabelMap['kubernetes.io/arch']), Os = tostring(LabelMap['kubernetes.io/os']), AgentPool = tostring(LabelMap['agentpool']), OperatingSystem, KubeletVersion, Status",
  ].join('\n');
}

/** Kinds whose pods Container insights names a controller for, and how the query finds them. */
export const PREVIOUS_IMAGE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'] as const;
export type PreviousImageKind = (typeof PREVIOUS_IMAGE_KINDS)[number];
/** A tag as the distribution spec allows it. */
const IMAGE_TAG = /^[\w][\w.-]{0,127}$/;
/** The longest look back the template accepts (Container insights keeps 30 days by default). */
export const MAX_PREVIOUS_IMAGE_WINDOW_MS = 31 * 24 * 3_600_000;
/**
 * The pod-template-hash suffix a Deployment gives its ReplicaSets (`web-7d9c5b8f6d`); same shape as
 * owningWorkload (lib/model/workload.ts). RE2, for KQL `extract()` and JavaScript alike.
 */
export const REPLICASET_OF_DEPLOYMENT_PATTERN = '^(.+)-[a-z0-9]{5,10}$';

export interface PreviousImageFilter {
  cluster: string;
  namespace: string;
  workload: { kind: PreviousImageKind; name: string };
  /** Registry host and repository of the failing image (ContainerInventory's Repository and Image). */
  registry: string;
  repository: string;
  /** The tag that fails to pull: never the answer. */
  failingTag: string;
}

/**
 * The tag of the same repository the workload's containers last ran (container state running) in
 * the window, other than the failing tag — one row: PreviousTag, LastRunning, Pods, Controller.
 * A Deployment's pods belong to its ReplicaSets `<name>-<pod-template-hash>`, so every ReplicaSet of
 * the Deployment counts (the previous one ran the old tag); a StatefulSet or DaemonSet keeps its name.
 * KubePodInventory (controller, container state) joins ContainerInventory (image) on ContainerID,
 * as in lib/prevent/inventory-kql.ts. Columns: lib/logs/SOURCES.md.
 */
export function previousImageQuery(params: TimeWindow & PreviousImageFilter): string {
  if (params.end.getTime() - params.start.getTime() > MAX_PREVIOUS_IMAGE_WINDOW_MS) throw new Error('time window longer than 31 days');
  if (!(PREVIOUS_IMAGE_KINDS as readonly string[]).includes(params.workload.kind)) throw new Error(`not a workload kind with a pod controller: ${JSON.stringify(params.workload.kind)}`);
  const namespace = kqlString(requireName('namespace', params.namespace, isNamespace));
  const name = requireName('workload name', params.workload.name, isDnsSubdomain);
  const registry = kqlString(requireName('registry host', params.registry, isRegistryHost).toLowerCase());
  const repository = kqlString(requireName('repository', params.repository, isRepositoryName));
  const failingTag = kqlString(requireName('tag', params.failingTag, (t) => IMAGE_TAG.test(t)));
  const controller =
    params.workload.kind === 'Deployment'
      ? `| where ControllerKind == 'ReplicaSet' and ControllerName startswith ${kqlString(`${name}-`)} and extract(${kqlString(REPLICASET_OF_DEPLOYMENT_PATTERN)}, 1, ControllerName) == ${kqlString(name)}`
      : `| where ControllerKind == ${kqlString(params.workload.kind)} and ControllerName == ${kqlString(name)}`;
  return [
    'let running = KubePodInventory',
    windowFilter(params),
    ...clusterFilter(params.cluster),
    `| where Namespace == ${namespace}`,
    controller,
    // ContainerStatus is the container's state (running | waiting | terminated); the pod phase is not enough.
    "| where ContainerStatus =~ 'running' and isnotempty(ContainerID)",
    '| summarize LastRunning = max(TimeGenerated) by ContainerID, Pod = Name, ControllerName;',
    'ContainerInventory',
    windowFilter(params),
    `| where Repository =~ ${registry} and Image == ${repository}`,
    `| where isnotempty(ImageTag) and ImageTag != ${failingTag}`,
    '| distinct ContainerID, ImageTag',
    '| join kind=inner (running) on ContainerID',
    '| summarize LastRunning = max(LastRunning), Pods = dcount(Pod), Controller = take_any(ControllerName) by ImageTag',
    '| top 1 by LastRunning desc',
    '| project PreviousTag = ImageTag, LastRunning, Pods, Controller',
  ].join('\n');
}

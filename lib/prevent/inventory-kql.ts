import { isAksClusterId, isRegistryHost, isRepositoryName, requireName } from '../intake/names';
import { kqlDatetime, kqlString, type TimeWindow } from '../logs/kql-templates';

/**
 * What runs now: the Container insights query behind the impact analysis and the fleet audit.
 * Running pods (KubePodInventory) joined on ContainerID with the image they run (ContainerInventory:
 * Repository = registry host, Image = repository, ImageTag) and the node pool of their node
 * (KubeNodeInventory labels), one row per cluster, namespace, controller and image. Every value is
 * checked against its grammar and written as a KQL string literal; test/prevent/inventory-kql.test.ts
 * checks the text with @kusto/language-service-next against the table schemas.
 */
export interface InventoryFilter {
  cluster?: string;
  /** Registry hosts (login servers) the image must come from. */
  registries?: readonly string[];
  repository?: string;
  tags?: readonly string[];
}

export const TAG = /^[\w][\w.-]{0,127}$/;
export const MAX_INVENTORY_ROWS = 5000;

function window(params: TimeWindow): string {
  if (!(params.start.getTime() <= params.end.getTime())) throw new Error('time window starts after it ends');
  return `| where TimeGenerated between (${kqlDatetime(params.start)} .. ${kqlDatetime(params.end)})`;
}

function list(values: readonly string[]): string {
  return `(${values.map(kqlString).join(', ')})`;
}

export function runningImagesQuery(params: TimeWindow & InventoryFilter): string {
  const registries = (params.registries ?? []).map((r) => requireName('registry host', r, isRegistryHost).toLowerCase());
  const tags = (params.tags ?? []).map((t) => requireName('tag', t, (v) => TAG.test(v)));
  if (registries.length > 100 || tags.length > 1000) throw new Error('too many registries or tags in one inventory query');
  const imageFilters = [
    ...(registries.length ? [`| where Repository in~ ${list(registries)}`] : []),
    ...(params.repository ? [`| where Image == ${kqlString(requireName('repository', params.repository, isRepositoryName))}`] : []),
    ...(tags.length ? [`| where ImageTag in ${list(tags)}`] : []),
  ];
  return [
    'let pods = KubePodInventory',
    window(params),
    ...(params.cluster ? [`| where ClusterId =~ ${kqlString(requireName('AKS cluster id', params.cluster, isAksClusterId))}`] : []),
    "| where PodStatus == 'Running' and isnotempty(ContainerID)",
    '| extend Container = tostring(split(ContainerName, "/")[1])',
    '| summarize arg_max(TimeGenerated, ClusterId, Namespace, Name, Container, ControllerKind, ControllerName, Computer) by ContainerID;',
    'let images = ContainerInventory',
    window(params),
    '| summarize arg_max(TimeGenerated, Repository, Image, ImageTag) by ContainerID',
    ...imageFilters,
    '| project ContainerID, Repository, Image, ImageTag;',
    'let pools = KubeNodeInventory',
    window(params),
    '| summarize arg_max(TimeGenerated, Labels) by Computer',
    "| project Computer, AgentPool = tostring(parse_json(Labels)[0]['agentpool']);",
    'pods',
    '| join kind=inner (images) on ContainerID',
    '| join kind=leftouter (pools) on Computer',
    "| extend Workload = iff(isempty(ControllerKind), strcat('Pod/', Name), strcat(ControllerKind, '/', ControllerName))",
    '| summarize Pods = dcount(Name), NodePools = make_set(AgentPool, 50) by ClusterId, Namespace, Workload, Container, Repository, Image, ImageTag',
    '| order by Pods desc',
    `| take ${MAX_INVENTORY_ROWS}`,
  ].join('\n');
}

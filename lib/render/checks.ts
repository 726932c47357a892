import type { CheckId, FindingStatus } from '../model';

/** Human titles of the checks, as they appear in chat ("checking network rules… 6/11"). */
export const CHECK_TITLES: Record<CheckId, string> = {
  'image-reference': 'image reference',
  registry: 'registry',
  cluster: 'cluster',
  'pull-permission': 'pull permission',
  'repository-tag': 'repository and tag',
  platform: 'platform (OS/architecture)',
  'network-rules': 'network rules',
  'node-egress': 'node egress',
  'private-endpoint': 'private endpoint',
  'private-dns': 'private DNS',
  'geo-replication': 'geo-replication',
  'image-size': 'image size',
  'pull-secret': 'image pull secrets (in-cluster)',
  'in-cluster-dns': 'DNS inside the cluster',
  'node-pull': 'test pull from the node pool',
};

/** Most severe first: the order of the per-check list and of the summary line. */
export const STATUS_ORDER: FindingStatus[] = ['fail', 'warn', 'unknown', 'pass', 'skipped'];

/** Emoji shown by Slack, Teams and Markdown (all three render Unicode emoji). */
export const STATUS_EMOJI: Record<FindingStatus, string> = {
  fail: '❌',
  warn: '⚠️',
  unknown: '❔',
  pass: '✅',
  skipped: '⏭️',
};

/** Words for the summary line: "1 failed · 2 unknown · 6 passed". */
export const STATUS_WORD: Record<FindingStatus, string> = {
  fail: 'failed',
  warn: 'warning',
  unknown: 'unknown',
  pass: 'passed',
  skipped: 'skipped',
};

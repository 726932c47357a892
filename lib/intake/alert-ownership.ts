import { PULL_FAILURE_ALERT_QUERY } from '../logs/kql-templates';
import type { AlertOrigin } from './parse-alert';

/**
 * Whether an alert is one pull-doctor should act on. Action groups are shared: the same webhook
 * receives heartbeat, VM CPU, storage and Prometheus node alerts, and none of them may open, touch
 * or resolve a pull incident. An alert is ours when
 *  - its rule is one pull-doctor's infra created (PULL_DOCTOR_ALERT_RULES: rule names or ids,
 *    Prometheus rule group ids), or
 *  - its log search query is the pull-failure alert template (lib/logs/kql-templates.ts), or
 *  - its dimensions name an image, or a pod (with its namespace) — a user's own pull rule split
 *    that way; for Prometheus, pod labels count only with a pull waiting reason or expression.
 */
export type AlertOwnership = { ours: true; by: 'rule' | 'query' | 'dimensions' } | { ours: false; reason: string };

/** `KubeEvents | …` with whitespace (and CRLF from the portal editor) normalised. */
function normaliseKql(text: string): string {
  // Stryker disable next-line StringLiteral: both sides are normalised alike; dropping blanks instead of collapsing them recognises the same portal-edited queries
  return text.replace(/\s+/g, ' ').trim();
}

const ALERT_QUERY = normaliseKql(PULL_FAILURE_ALERT_QUERY);
const PULL_WAITING = /ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull/;

/** `/subscriptions/…/scheduledQueryRules/name` → `name`; a bare name stays itself. */
function lastSegment(idOrName: string): string {
  return idOrName.replace(/\/+$/, '').split('/').at(-1)!.toLowerCase();
}

function ruleConfigured(origin: AlertOrigin, configured: readonly string[]): boolean {
  // Stryker disable next-line ConditionalExpression: a fast path; with nothing configured the sets below are empty and answer false anyway
  if (configured.length === 0) return false;
  const names = new Set(configured.map(lastSegment));
  const ids = new Set(configured.map((c) => c.toLowerCase().replace(/\/+$/, '')));
  if (names.has(origin.rule.toLowerCase())) return true;
  return origin.ruleGroup !== undefined && ids.has(origin.ruleGroup.toLowerCase().replace(/\/+$/, ''));
}

function dimensionsNamePullFailure(origin: AlertOrigin): boolean {
  const names = new Set(origin.dimensionNames);
  if (names.has('image')) return true;
  const pod = names.has('pod') || names.has('podname') || (names.has('name') && names.has('namespace'));
  if (!pod) return false;
  // Log and metric dimensions come from the rule's own split; Prometheus labels come from any series.
  if (origin.expression === undefined && origin.reasonLabel === undefined) return true;
  // Stryker disable next-line StringLiteral: the fallbacks only satisfy the types; no placeholder names a pull waiting reason
  return PULL_WAITING.test(origin.reasonLabel ?? '') || PULL_WAITING.test(origin.expression ?? '');
}

export function alertOwnership(origin: AlertOrigin, configuredRules: readonly string[]): AlertOwnership {
  if (ruleConfigured(origin, configuredRules)) return { ours: true, by: 'rule' };
  if (origin.searchQueries.some((q) => normaliseKql(q) === ALERT_QUERY)) return { ours: true, by: 'query' };
  if (dimensionsNamePullFailure(origin)) return { ours: true, by: 'dimensions' };
  return { ours: false, reason: `not a pull-failure alert: ${origin.rule}` };
}

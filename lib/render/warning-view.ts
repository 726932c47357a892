import type { AtRiskWorkload, Change, Evidence, Fix, ImpactReport } from '../model';
import { CHECK_TITLES } from './checks';
import { portalUrl, resourceName } from './links';
import { redact } from './redact';
import { plural, type CheckLine, type ReportView, type Tone } from './report-view';

/**
 * The "at risk" view (issue 18): a warning or a fleet audit drawn by the same renderers as a
 * diagnosis (Slack, Adaptive Card, Markdown, text), so limits, escaping and redaction are theirs.
 * Workloads are listed by blast radius; a pair that could not be checked is said so, never as safe.
 */
export interface AtRiskSource {
  report: ImpactReport;
  /** Counts before the stored copy was shortened (lib/warnings); default: the report's own. */
  totals?: { workloads: number; pods: number; undecided: number };
  /** A stored warning's id and state; absent for a report not (yet) stored (CLI). */
  id?: string;
  status?: 'open' | 'acknowledged' | 'muted' | 'resolved';
  mutedUntil?: string;
  actedBy?: string;
  resolvedReason?: string;
  resolvedAt?: string;
}

export interface AtRiskViewOptions {
  /** "deleted 4 min ago" is counted from here (the render time; tests fix it). */
  now: Date;
  /** `audit`: every running image of a cluster was checked (no change caused it). */
  mode?: 'warning' | 'audit';
  /** The audited cluster (audit mode). */
  cluster?: string;
}

/** The `operation` of the synthetic change a fleet audit reports under (lib/warnings/audit.ts). */
export const AUDIT_OPERATION = 'pull-doctor/audit';

export function ago(at: string, now: Date): string {
  const minutes = Math.floor((now.getTime() - Date.parse(at)) / 60_000);
  if (!Number.isFinite(minutes)) return `at ${at}`;
  if (minutes < 1) return 'just now';
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

function listed(items: string[], max = 3): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max} more`;
}

/** The scope a role assignment id sits on: `…/registries/myacr/providers/Microsoft.Authorization/roleAssignments/<guid>` → myacr. */
function assignmentScope(resourceId: string): string | undefined {
  const scope = resourceId.split(/\/providers\/Microsoft\.Authorization\/roleAssignments\//i)[0];
  return scope ? resourceName(scope) : undefined;
}

/** "tag v1.2 of shop/web was deleted 4 min ago by ana@contoso.com" */
export function changeSentence(change: Change, now: Date): string {
  const deleted = /\/delete$/i.test(change.operation ?? '');
  const name = change.resourceId ? resourceName(change.resourceId) : undefined;
  const what = (noun: string) => `${noun}${name ? ` ${name}` : ''} was ${deleted ? 'deleted' : 'changed'}`;
  let sentence: string;
  const reg = change.registry;
  switch (change.kind) {
    case 'tag-deleted':
      sentence = reg
        ? reg.tags.length === 0
          ? `manifest ${reg.digest?.slice(0, 19) ?? '?'}… of ${reg.repository} was deleted`
          : `${reg.tags.length === 1 ? 'tag' : 'tags'} ${listed(reg.tags)} of ${reg.repository} ${reg.tags.length === 1 ? 'was' : 'were'} deleted`
        : 'an image was deleted';
      break;
    case 'tag-moved':
      sentence = reg ? `tag ${listed(reg.tags)} of ${reg.repository} was pushed again with another digest` : 'a tag was moved to another digest';
      break;
    case 'role-assignment-deleted': {
      const scope = change.resourceId ? assignmentScope(change.resourceId) : undefined;
      sentence = `a role assignment${scope ? ` on ${scope}` : ''} was deleted`;
      break;
    }
    case 'registry-changed':
      sentence = what('registry');
      break;
    case 'private-dns-changed':
      sentence = what('private DNS');
      break;
    case 'private-endpoint-changed':
      sentence = what('private endpoint');
      break;
    case 'cluster-changed':
      sentence = what('cluster or node pool');
      break;
    case 'outbound-changed':
      sentence = what('outbound network');
      break;
  }
  return `${sentence} ${ago(change.at, now)}${change.principal ? ` by ${change.principal}` : ''}`;
}

/** `shop/web` for `Deployment/web` in namespace shop (the issue's wording). */
function workloadName(w: AtRiskWorkload): string {
  return `${w.namespace}/${w.workload.split('/').pop() ?? w.workload}`;
}

function distinct<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(key(i)) && seen.add(key(i)));
}

export function buildAtRiskView(source: AtRiskSource, options: AtRiskViewOptions): ReportView {
  const { report } = source;
  const totals = source.totals ?? { workloads: report.atRisk.length, pods: report.atRisk.reduce((n, w) => n + w.pods, 0), undecided: report.undecided.length };
  const audit = options.mode === 'audit' || report.change.operation === AUDIT_OPERATION;
  const auditCluster = options.cluster ?? (audit ? report.change.resourceId : undefined);
  const top = report.atRisk[0];
  const clusters = distinct([...report.atRisk.map((w) => w.cluster), ...report.undecided.map((u) => u.cluster), ...(auditCluster ? [auditCluster] : [])], (c) => c.toLowerCase());
  const pools = distinct(report.atRisk.flatMap((w) => w.nodePools), (p) => p);
  const changeText = audit ? undefined : changeSentence(report.change, options.now);
  const blast = totals.workloads === 1 && top ? `${plural(top.pods, 'pod')} of ${workloadName(top)}` : `${plural(totals.pods, 'pod')} in ${plural(totals.workloads, 'workload')}`;
  const auditName = clusters[0] ? resourceName(clusters[0]) : 'the cluster';

  let tone: Tone = totals.workloads > 0 ? 'at-risk' : totals.undecided > 0 ? 'undecided' : 'healthy';
  let title =
    totals.workloads > 0
      ? audit
        ? `Would fail if nodes were recycled now: ${blast} on ${auditName}`
        : `Will fail on next pull: ${blast} — ${changeText}`
      : totals.undecided > 0
        ? `Could not check ${plural(totals.undecided, 'running image')} ${audit ? `on ${auditName}` : `after: ${changeText}`}`
        : audit
          ? `Every running image on ${auditName} would pull`
          : `Nothing running is at risk: ${changeText}`;
  const state =
    source.status === 'muted'
      ? `muted${source.mutedUntil ? ` until ${source.mutedUntil}` : ''}`
      : source.status === 'acknowledged'
        ? `marked intended${source.actedBy ? ` by ${source.actedBy}` : ''}`
        : undefined;
  if (source.status === 'resolved') {
    tone = 'resolved';
    title = `No longer at risk: ${changeText ?? auditName}`;
  }

  const subtitle = [
    clusters.length ? `${clusters.length === 1 ? 'cluster' : 'clusters'} ${listed(clusters.map(resourceName))}` : undefined,
    totals.workloads > 0 ? blast : undefined,
    pools.length ? `node ${pools.length === 1 ? 'pool' : 'pools'} ${listed(pools)}` : undefined,
    state,
  ]
    .filter(Boolean)
    .join(' · ');

  const facts = [
    ...(audit ? [{ name: 'Audit', value: `every running image of ${auditName}` }] : [{ name: 'Change', value: changeText! }]),
    ...(!audit && report.change.operation ? [{ name: 'Operation', value: report.change.operation }] : []),
    ...(!audit && report.change.eventIds.length > 1 ? [{ name: 'Events', value: `${report.change.eventIds.length} folded into this change` }] : []),
    { name: 'Checked', value: `${report.checked} of ${plural(report.considered, 'running (cluster, image) pair')}` },
  ];

  const groups = distinct(report.atRisk, (w) => `${w.checkId}\n${w.summary}`);
  const evidence: Evidence[] = groups.flatMap((w) => w.evidence);
  const fixes: Fix[] = distinct(
    report.atRisk.flatMap((w) => (w.fix ? [w.fix] : [])),
    (f) => `${f.text}\n${f.command ?? ''}`,
  );
  const lines: CheckLine[] = [
    ...report.atRisk.map((w) => ({
      status: 'fail' as const,
      title: `${w.namespace}/${w.workload} (${plural(w.pods, 'pod')})`,
      summary: `${w.image}${clusters.length > 1 ? ` on ${resourceName(w.cluster)}` : ''} — ${CHECK_TITLES[w.checkId]}: ${w.summary}`,
    })),
    ...report.undecided.map((u) => ({
      status: 'unknown' as const,
      title: `${u.image}${clusters.length > 1 ? ` on ${resourceName(u.cluster)}` : ''}`,
      summary: `could not check ${CHECK_TITLES[u.checkId]}: ${u.reason}`,
    })),
  ];
  const summary = [
    totals.workloads > 0 ? `${plural(totals.workloads, 'workload')} at risk` : totals.undecided > 0 ? undefined : 'nothing at risk',
    totals.undecided > 0 ? `${totals.undecided} could not check` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  const cause =
    source.status === 'resolved'
      ? { label: 'Resolved', sentence: `${source.resolvedReason ?? 'no longer at risk'}${source.resolvedAt ? ` at ${source.resolvedAt}` : ''}.` }
      : totals.workloads > 0 && top
        ? { label: `At risk — ${blast}${audit ? '' : ', before any pod failed'}`, sentence: `${CHECK_TITLES[top.checkId]}: ${top.summary}` }
        : totals.undecided > 0
          ? { label: 'Could not check — not known to be safe', sentence: `${plural(totals.undecided, 'running image')} could not be checked; see below for what pull-doctor could not read.` }
          : { label: 'Nothing at risk', sentence: `Every running image ${audit ? 'of the cluster' : 'this change could touch'} passed the checks.` };
  const id = source.id;
  const shortened = totals.workloads > report.atRisk.length || totals.undecided > report.undecided.length;
  const moreCommand = `\`pull-doctor audit --cluster ${clusters[0] ? resourceName(clusters[0]) : '<cluster>'}\``;
  const view: ReportView = {
    tone,
    title,
    image: top?.image ?? report.undecided[0]?.image ?? '',
    cluster: clusters[0] ? resourceName(clusters[0]) : undefined,
    subtitle,
    facts,
    cause,
    otherCauses: [],
    evidence,
    fixes,
    checks: lines,
    checksCollapsed: false,
    checkSummary: summary,
    listHeading: audit ? 'Workloads that would fail' : 'Workloads at risk',
    links: report.change.resourceId && !audit ? [{ label: `${resourceName(report.change.resourceId)} in the Azure portal`, url: portalUrl(report.change.resourceId) }] : [],
    footer: [
      'pull-doctor',
      audit ? 'fleet audit' : undefined,
      id ? `warning ${id}` : undefined,
      audit ? undefined : `change ${report.change.id}`,
      plural(report.requests.logs + report.requests.arm + report.requests.registry, 'call'),
      options.now.toISOString().replace(/:\d\d(\.\d+)?Z$/, 'Z').replace('T', ' '),
    ]
      .filter(Boolean)
      .join(' · '),
    ...(id && source.status !== 'resolved' ? { actions: { kind: 'warning' as const, id } } : {}),
    moreCommand,
    ...(shortened ? { truncation: `… (${plural(totals.workloads - report.atRisk.length + totals.undecided - report.undecided.length, 'more line')} — ${moreCommand} lists every one)` } : {}),
  };
  return redactView(view);
}

function redactView(view: ReportView): ReportView {
  return {
    ...view,
    title: redact(view.title),
    subtitle: redact(view.subtitle),
    facts: view.facts.map((f) => ({ name: f.name, value: redact(f.value) })),
    cause: { label: redact(view.cause.label), sentence: redact(view.cause.sentence) },
    evidence: view.evidence.map((e) => ({ fact: redact(e.fact), source: redact(e.source) })),
    fixes: view.fixes.map((f) => ({ text: redact(f.text), command: f.command === undefined ? undefined : redact(f.command) })),
    checks: view.checks.map((c) => ({ ...c, title: redact(c.title), summary: redact(c.summary) })),
    links: view.links.map((l) => ({ label: redact(l.label), url: redact(l.url) })),
    footer: redact(view.footer),
  };
}

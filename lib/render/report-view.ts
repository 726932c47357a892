import type { Diagnosis, Evidence, Finding, FindingStatus, Fix, Incident } from '../model';
import type { ViewActions } from './actions';
import { CHECK_TITLES, STATUS_ORDER, STATUS_WORD } from './checks';
import { docsLinks, portalLinks, resourceName, type Link } from './links';
import { distinctEvidence, distinctFixes } from './fix-list';
import { redact } from './redact';

/**
 * One platform-neutral view of a diagnosis: every renderer (Slack, Adaptive Card, Markdown, text)
 * draws this, so the four say the same thing, and redaction and truncation happen once, here.
 */
export interface RenderOptions {
  /** Base URL of the full report; the truncation pointer links to `<base>/<incident id>`. */
  fullReportUrl?: string;
  /** List every check individually even when there are more than six (the "Show all checks" button). */
  showAllChecks?: boolean;
}

/** `at-risk`: nothing failed yet, but a change will make the next pull fail (issue 18 warnings). */
export type Tone = 'failed' | 'healthy' | 'undecided' | 'resolved' | 'progress' | 'at-risk';

export interface CheckLine {
  status: FindingStatus;
  title: string;
  summary: string;
  /** For unknown: the role or setting that would let pull-doctor read what it could not. */
  missing?: string;
}

export interface ReportView {
  tone: Tone;
  /** "Can't pull myacr.azurecr.io/my-app:v1.0" */
  title: string;
  image: string;
  cluster?: string;
  /** "aks-prod · namespace prod · 3 pods in 2 workloads" */
  subtitle: string;
  facts: Array<{ name: string; value: string }>;
  /** Root cause sentence, with its confidence label ("likely (80%)"), or the outcome sentence. */
  cause: { label: string; sentence: string };
  otherCauses: string[];
  disagreement?: string;
  evidence: Evidence[];
  fixes: Fix[];
  checks: CheckLine[];
  /** True when `checks` lists only the non-passing ones because the full list is long. */
  checksCollapsed: boolean;
  /** "1 failed · 2 unknown · 6 passed · 1 skipped" */
  checkSummary: string;
  links: Link[];
  footer: string;
  incidentId?: string;
  /** Set when anything was shortened or left out: where to read everything. */
  truncation?: string;
  /** Heading of the `checks` list (default "Checks"); a warning lists workloads there. */
  listHeading?: string;
  /** The buttons and the id they act on; default: the incident buttons when `incidentId` is set. */
  actions?: ViewActions;
  /** The command that shows everything, for the truncation pointer (default: `pull-doctor why <incident>`). */
  moreCommand?: string;
}

export function viewActions(view: ReportView): ViewActions | undefined {
  return view.actions ?? (view.incidentId ? { kind: 'incident', id: view.incidentId } : undefined);
}

const MAX_CHECKS_LISTED = 6;

export function confidenceLabel(confidence: number): string {
  const pct = Math.round(confidence * 100);
  const word = confidence >= 0.9 ? 'almost certain' : confidence >= 0.7 ? 'likely' : confidence >= 0.4 ? 'possible' : 'unsure';
  return `${word} (${pct}%)`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "namespace prod", "namespaces a, b, c +27 more" */
function namespacesText(namespaces: string[]): string | undefined {
  if (namespaces.length === 0) return undefined;
  if (namespaces.length === 1) return `namespace ${namespaces[0]}`;
  const shown = namespaces.slice(0, 3).join(', ');
  return `namespaces ${shown}${namespaces.length > 3 ? ` +${namespaces.length - 3} more` : ''}`;
}

export interface Headline {
  image: string;
  cluster?: string;
  subtitle: string;
  facts: Array<{ name: string; value: string }>;
}

/** Headline facts shared by the full, progress and resolved renderings. */
export function headline(incident: Incident | undefined, diagnosis?: Diagnosis): Headline {
  const image = redact(incident?.image ?? diagnosis?.failure.image ?? 'unknown image');
  const clusterId = incident?.cluster ?? diagnosis?.failure.cluster;
  const cluster = clusterId ? resourceName(clusterId) : undefined;
  const namespaces = incident?.namespaces.length
    ? incident.namespaces
    : diagnosis?.failure.namespace
      ? [diagnosis.failure.namespace]
      : [];
  const pods = incident?.pods.length ?? (diagnosis?.failure.pod ? 1 : 0);
  const workloads = incident?.controllers.length ?? (diagnosis?.failure.controller ? 1 : 0);
  const podsText = pods > 0 ? `${plural(pods, 'pod')} in ${plural(Math.max(workloads, 1), 'workload')}` : undefined;
  const ns = namespacesText(namespaces);
  const muted = incident?.status === 'muted' ? `muted${incident.mutedUntil ? ` until ${incident.mutedUntil}` : ''}` : undefined;
  const warned = incident?.warnedBy ? warnedText(incident.warnedBy, incident.firstSeen) : undefined;
  const subtitle = redact([cluster ? `cluster ${cluster}` : undefined, ns, podsText, muted, warned].filter(Boolean).join(' · '));
  const facts = [
    { name: 'Image', value: image },
    ...(cluster ? [{ name: 'Cluster', value: cluster }] : []),
    ...(ns ? [{ name: ns.startsWith('namespaces') ? 'Namespaces' : 'Namespace', value: ns.replace(/^namespaces? /, '') }] : []),
    ...(podsText ? [{ name: 'Affected', value: podsText }] : []),
    ...(incident?.warnedBy ? [{ name: 'Warned', value: `${warned}: ${incident.warnedBy.summary}` }] : []),
  ].map((f) => ({ name: f.name, value: redact(f.value) }));
  return { image, cluster, subtitle, facts };
}

/** "warned 14 min before: warning ddfe780d1c3e" (issue 18: the warning that saw this coming). */
function warnedText(warnedBy: NonNullable<Incident['warnedBy']>, firstSeen: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(firstSeen) - Date.parse(warnedBy.at)) / 60_000));
  const when = Number.isFinite(minutes) ? (minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`) : '';
  return `warned ${when} before: warning ${warnedBy.warningId.slice(0, 12)}`;
}

function byRootCause(diagnosis: Diagnosis): Finding[] {
  const order = diagnosis.verdict.rootCauses.map((r) => r.checkId);
  return order.map((id) => diagnosis.findings.find((f) => f.checkId === id)).filter((f): f is Finding => Boolean(f));
}

function causeOf(diagnosis: Diagnosis): ReportView['cause'] {
  const { verdict } = diagnosis;
  const top = verdict.rootCauses[0];
  if (verdict.outcome === 'cause_found' && top) {
    return { label: `Root cause — ${confidenceLabel(top.confidence)}`, sentence: verdict.summary || top.summary };
  }
  if (verdict.outcome === 'should_work') return { label: healthyLabel(diagnosis.findings), sentence: verdict.summary };
  const unknown = diagnosis.findings.filter((f) => f.status === 'unknown').length;
  return {
    label: `Cause not established${unknown ? ` — ${plural(unknown, 'check')} could not run` : ''}`,
    sentence: verdict.summary,
  };
}

/** "Every check passed" only when every check ran and passed; a skipped check or a warning is never counted as passed. */
function healthyLabel(findings: Finding[]): string {
  const skipped = findings.filter((f) => f.status === 'skipped');
  const warned = findings.filter((f) => f.status === 'warn');
  if (skipped.length === 0 && warned.length === 0) return 'Every check passed';
  // Checks skipped for one root reason (a registry that is not an ACR skips five checks that need it) are
  // named together after that reason once, not each with the reason repeated.
  const byReason = new Map<string, string[]>();
  for (const f of skipped) byReason.set(skipReason(f), [...(byReason.get(skipReason(f)) ?? []), CHECK_TITLES[f.checkId]]);
  const why = [...byReason].map(([reason, titles]) => `${titles.join(', ')} — ${reason}`).join('; ');
  const parts = [
    ...(warned.length ? [`${plural(warned.length, 'warning')}: ${warned.map((f) => CHECK_TITLES[f.checkId]).join(', ')}`] : []),
    ...(skipped.length ? [`${skipped.length} skipped: ${why}`] : []),
  ];
  return `No check failed (${parts.join('; ')})`;
}

/**
 * What would let pull-doctor read it. An ARM 403's summary already names the refused action and scope
 * ("may not perform <action> on <scope>"); then only the role is added, not the action and scope again.
 */
function missingLine(summary: string, permission: string): string {
  const m = /^(.+) \((least built-in role that grants it: [^)]+)\)$/.exec(permission);
  return m && summary.includes(`may not perform ${m[1]}`) ? m[2]! : `pull-doctor needs ${permission}`;
}

/** Why a check was skipped, down to the first cause: `not checked: needs X (registry: <why>)` (engine.ts) → `<why>`. */
function skipReason(f: Finding): string {
  const summary = f.summary.replace(/^skipped:\s*/i, '').replace(/\.$/, '');
  return /^not checked: needs [^;(]+? \([a-z-]+: (.+)\)$/.exec(summary)?.[1] ?? summary;
}

function checkLines(findings: Finding[]): CheckLine[] {
  const sorted = [...findings].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  return sorted.map((f) => ({
    status: f.status,
    title: CHECK_TITLES[f.checkId],
    summary: f.summary,
    // The summary already says what could not be read; the view adds what would let pull-doctor read it.
    missing: f.missing?.permission ? missingLine(f.summary, f.missing.permission) : undefined,
  }));
}

export function checkSummary(findings: Finding[]): string {
  return STATUS_ORDER.map((s) => [s, findings.filter((f) => f.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${STATUS_WORD[s]}`)
    .join(' · ');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The truncation pointer: the CLI command that prints everything, and the report link when configured. */
export function truncationPointer(incidentId: string | undefined, options: RenderOptions, moreCommand?: string): string {
  if (moreCommand) return `… (truncated — ${moreCommand} shows everything)`;
  const command = incidentId ? `\`pull-doctor why ${incidentId}\`` : '`pull-doctor diagnose --json`';
  const link = options.fullReportUrl && incidentId ? ` or ${options.fullReportUrl.replace(/\/+$/, '')}/${encodeURIComponent(incidentId)}` : '';
  return `… (truncated — ${command}${link} shows everything)`;
}

/** Builds the full, redacted view. Nothing is shortened here: see compactView. */
export function buildReportView(diagnosis: Diagnosis, incident: Incident | undefined, options: RenderOptions = {}): ReportView {
  const head = headline(incident, diagnosis);
  const roots = byRootCause(diagnosis);
  const rootIds = new Set<string>(roots.map((f) => f.checkId));
  // A warning that is a root cause is listed with the roots only: its fixes once, not twice.
  const warned = diagnosis.findings.filter((f) => (f.status === 'warn' || f.status === 'fail') && !rootIds.has(f.checkId));
  const evidenceFrom = roots.length > 0 ? roots : warned;
  // Without a root cause, what an unknown check says to do (allow a host on the egress firewall, grant
  // the role that would let pull-doctor read) is all the advice there is: never an empty Fix section.
  const unknowns = roots.length > 0 ? [] : diagnosis.findings.filter((f) => f.status === 'unknown');
  const fixesFrom = roots.length > 0 ? [...roots, ...warned] : [...warned, ...unknowns];
  const resolved = incident?.status === 'resolved';
  const tone: Tone = resolved
    ? 'resolved'
    : diagnosis.verdict.outcome === 'cause_found'
      ? 'failed'
      : diagnosis.verdict.outcome === 'should_work'
        ? 'healthy'
        : 'undecided';
  const title =
    tone === 'resolved'
      ? `Resolved: ${head.image}`
      : tone === 'healthy'
        ? `${head.image} should pull`
        : tone === 'failed'
          ? `Can't pull ${head.image}`
          : `Can't pull ${head.image} — cause not established`;
  const lines = checkLines(diagnosis.findings);
  const collapse = !options.showAllChecks && lines.length > MAX_CHECKS_LISTED;
  const listed = collapse ? lines.filter((l) => l.status !== 'pass' && l.status !== 'skipped') : lines;
  const footer = [
    'pull-doctor',
    `diagnosed in ${seconds(diagnosis.timings.totalMs)}`,
    plural(diagnosis.requests.total, 'call'),
    incident ? `incident ${incident.id}` : undefined,
    diagnosis.timings.startedAt.replace(/:\d\d(\.\d+)?Z$/, 'Z').replace('T', ' '),
  ]
    .filter(Boolean)
    .join(' · ');
  const view: ReportView = {
    tone,
    title,
    image: head.image,
    cluster: head.cluster,
    subtitle: head.subtitle,
    facts: head.facts,
    cause: causeOf(diagnosis),
    otherCauses: diagnosis.verdict.rootCauses.slice(1).map((r) => `${r.summary} — ${confidenceLabel(r.confidence)}`),
    disagreement: diagnosis.verdict.disagreement,
    evidence: distinctEvidence(evidenceFrom),
    fixes: distinctFixes(fixesFrom),
    checks: listed,
    checksCollapsed: collapse,
    checkSummary: checkSummary(diagnosis.findings),
    links: [...portalLinks(diagnosis, rootIds), ...docsLinks(diagnosis)],
    footer,
    incidentId: incident?.id,
  };
  if (resolved && incident) {
    view.cause = {
      label: 'Resolved',
      sentence: `${incident.resolvedReason ?? 'resolved'}${incident.resolvedAt ? ` at ${incident.resolvedAt}` : ''}. Was: ${view.cause.sentence}`,
    };
  }
  return redactView(view);
}

function redactView(view: ReportView): ReportView {
  return {
    ...view,
    title: redact(view.title),
    cause: { label: view.cause.label, sentence: redact(view.cause.sentence) },
    otherCauses: view.otherCauses.map(redact),
    disagreement: view.disagreement === undefined ? undefined : redact(view.disagreement),
    evidence: view.evidence.map((e) => ({ fact: redact(e.fact), source: redact(e.source) })),
    fixes: view.fixes.map((f) => ({ text: redact(f.text), command: f.command === undefined ? undefined : redact(f.command) })),
    checks: view.checks.map((c) => ({ ...c, summary: redact(c.summary), missing: c.missing === undefined ? undefined : redact(c.missing) })),
    links: view.links.map((l) => ({ label: redact(l.label), url: redact(l.url) })),
  };
}

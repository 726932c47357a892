import { isImageText, isNamespace, isPodName } from '../intake/names';
import { parseImageRef } from '../image-ref/parse-image-ref';

/**
 * The chat verb grammar, shared by Slack (`/pull-doctor <verb> …`) and Teams (`@pull-doctor <verb> …`):
 *
 *   diagnose <pod> [-n <namespace>] [--cluster <name | resourceGroup/name | id>]
 *   diagnose image <ref> [--cluster <…>]
 *   recheck [<incident>] · why [<incident>] · mute <30m|2h|1d> [<incident>] · resolve [<incident>]
 *   status · help
 *
 * Every value is checked against its grammar here, before it can reach a KQL template, an ARM call
 * or a rendered command. Anything that does not fit ("web;rm -rf /", "x' or 1==1", "| where") is
 * refused with the grammar it broke, and nothing runs.
 */
export type ChatCommand =
  | { verb: 'diagnose-pod'; pod: string; namespace?: string; cluster?: string }
  | { verb: 'diagnose-image'; image: string; cluster?: string }
  | { verb: 'recheck'; incident?: string }
  | { verb: 'why'; incident?: string }
  | { verb: 'mute'; durationMs: number; duration: string; incident?: string }
  | { verb: 'resolve'; incident?: string }
  | { verb: 'status' }
  | { verb: 'help' }
  /** Issue 18: the fleet audit of one cluster (admin; slow, so it may move to the queue). */
  | { verb: 'audit'; cluster: string }
  /** Issue 18: the buttons of an "at risk" warning (and their typed forms `warning recheck|intended <id>`, `warning mute <dur> <id>`). */
  | { verb: 'warning-recheck'; warning: string }
  | { verb: 'warning-mute'; durationMs: number; duration: string; warning: string }
  | { verb: 'warning-intended'; warning: string };

export type Verb = ChatCommand['verb'];

export type ParseResult = { ok: true; command: ChatCommand } | { ok: false; error: string };

/** A warning id: always the full 32 hex (buttons and footers carry it whole). */
export const WARNING_REF = /^[0-9a-f]{32}$/;
/** An incident id (32 hex) or an unambiguous prefix of at least 8 characters, as shown in chat. */
export const INCIDENT_REF = /^[0-9a-f]{8,32}$/;
/** Cluster as typed: a name, `rg/name` or a full id — checked strictly by lib/authz/cluster-scope.ts. */
export const CLUSTER_TEXT = /^[-\w./()]{1,400}$/;
const MAX_MUTE_MS = 7 * 24 * 3600_000;
const UNITS: Record<string, number> = { m: 60_000, h: 3600_000, d: 24 * 3600_000 };

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** `30m`, `2h`, `1d` (at most 7 days). */
export function parseDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const m = /^([1-9][0-9]{0,3})([mhd])$/.exec(text);
  if (!m) return { ok: false, error: `not a valid duration: ${quote(text)} (use 30m, 2h or 1d)` };
  const ms = Number(m[1]) * UNITS[m[2]!]!;
  if (ms > MAX_MUTE_MS) return { ok: false, error: `a mute lasts at most 7 days (got ${text})` };
  return { ok: true, ms };
}

/**
 * Chat text as a platform delivers it → the words of the command. Slack escapes `&`, `<`, `>` as
 * HTML entities; Teams leaves `&nbsp;` and stray mention tags; both may repeat the bot's name.
 */
export function commandWords(text: string): string[] {
  const plain = text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;|\u00a0/gi, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
  const words = plain.split(/\s+/).filter(Boolean);
  if (words[0] && /^\/?pull-doctor$/i.test(words[0])) words.shift();
  return words;
}

interface Options {
  positionals: string[];
  values: Map<string, string>;
}

/** `-n ns`, `--namespace ns`, `--namespace=ns`, `--cluster c`, `-c c`. Unknown flags are errors. */
function splitOptions(words: string[], known: Record<string, string>): { ok: true; options: Options } | { ok: false; error: string } {
  const positionals: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const flag = eq > 0 ? word.slice(0, eq) : word;
    const name = known[flag];
    if (!name) return { ok: false, error: `unknown option ${quote(flag)}` };
    const value = eq > 0 ? word.slice(eq + 1) : words[++i];
    if (value === undefined || value === '') return { ok: false, error: `${flag} needs a value` };
    if (values.has(name)) return { ok: false, error: `${flag} given twice` };
    values.set(name, value);
  }
  return { ok: true, options: { positionals, values } };
}

function incidentArg(words: string[], verb: string): { ok: true; incident?: string } | { ok: false; error: string } {
  if (words.length === 0) return { ok: true };
  const joined = words.join(' ');
  if (words.length > 1 || !INCIDENT_REF.test(words[0]!)) return { ok: false, error: `not a valid incident id: ${quote(joined)} (usage: ${verb} [<incident id>])` };
  return { ok: true, incident: words[0] };
}

function clusterOption(value: string | undefined): { ok: true; cluster?: string } | { ok: false; error: string } {
  if (value === undefined) return { ok: true };
  return CLUSTER_TEXT.test(value) ? { ok: true, cluster: value } : { ok: false, error: `not a valid cluster name: ${quote(value)}` };
}

function parseDiagnose(args: string[]): ParseResult {
  if (args[0]?.toLowerCase() === 'image') {
    // Names are checked in the order they are written, so the first bad one is the one reported.
    const firstFlag = args.findIndex((a, i) => i > 0 && a.startsWith('-'));
    const refWords = args.slice(1, firstFlag < 0 ? undefined : firstFlag);
    const ref = refWords.join(' ');
    if (refWords.length !== 1 || !isImageText(ref) || !parseImageRef(ref).ok) {
      return { ok: false, error: refWords.length === 0 ? 'usage: diagnose image <ref> --cluster <name>' : `not a valid image reference: ${quote(ref)}` };
    }
    const split = splitOptions(args.slice(1 + refWords.length), { '--cluster': 'cluster', '-c': 'cluster' });
    if (!split.ok) return split;
    if (split.options.positionals.length) return { ok: false, error: `unexpected ${quote(split.options.positionals.join(' '))}` };
    const cluster = clusterOption(split.options.values.get('cluster'));
    if (!cluster.ok) return cluster;
    return { ok: true, command: { verb: 'diagnose-image', image: ref, ...(cluster.cluster ? { cluster: cluster.cluster } : {}) } };
  }
  const firstFlag = args.findIndex((a) => a.startsWith('-'));
  const podWords = args.slice(0, firstFlag < 0 ? undefined : firstFlag);
  if (podWords.length === 0) return { ok: false, error: 'usage: diagnose <pod> [-n <namespace>] [--cluster <name>]' };
  const pod = podWords.join(' ');
  if (podWords.length > 1 || !isPodName(pod)) return { ok: false, error: `not a valid pod name: ${quote(pod)}` };
  const split = splitOptions(args.slice(podWords.length), { '-n': 'namespace', '--namespace': 'namespace', '--cluster': 'cluster', '-c': 'cluster' });
  if (!split.ok) return split;
  if (split.options.positionals.length) return { ok: false, error: `unexpected ${quote(split.options.positionals.join(' '))}` };
  const namespace = split.options.values.get('namespace');
  if (namespace !== undefined && !isNamespace(namespace)) return { ok: false, error: `not a valid namespace: ${quote(namespace)}` };
  const cluster = clusterOption(split.options.values.get('cluster'));
  if (!cluster.ok) return cluster;
  return { ok: true, command: { verb: 'diagnose-pod', pod, ...(namespace ? { namespace } : {}), ...(cluster.cluster ? { cluster: cluster.cluster } : {}) } };
}

function parseWarning(args: string[]): ParseResult {
  const usage = { ok: false as const, error: 'usage: warning recheck|intended <warning id>, or warning mute <30m|2h|1d> <warning id>' };
  const action = args[0]?.toLowerCase();
  const id = args[args.length - 1] ?? '';
  if (!WARNING_REF.test(id)) return args.length < 2 ? usage : { ok: false, error: `not a valid warning id: ${quote(id)} (the 32 characters in the warning's footer)` };
  if ((action === 'recheck' || action === 're-check') && args.length === 2) return { ok: true, command: { verb: 'warning-recheck', warning: id } };
  if (action === 'intended' && args.length === 2) return { ok: true, command: { verb: 'warning-intended', warning: id } };
  if (action === 'mute' && args.length === 3) {
    const duration = parseDuration(args[1]!);
    return duration.ok ? { ok: true, command: { verb: 'warning-mute', duration: args[1]!, durationMs: duration.ms, warning: id } } : duration;
  }
  return usage;
}

/** Parses one chat command. Never throws. */
export function parseCommand(text: string): ParseResult {
  if (text.length > 2000) return { ok: false, error: 'command too long' };
  const words = commandWords(text);
  const verb = words[0]?.toLowerCase();
  const args = words.slice(1);
  switch (verb) {
    case undefined:
    case 'help':
      return args.length && verb ? { ok: false, error: 'usage: help' } : { ok: true, command: { verb: 'help' } };
    case 'diagnose':
      return parseDiagnose(args);
    case 'recheck':
    case 're-check':
    case 'why':
    case 'resolve': {
      const incident = incidentArg(args, verb);
      if (!incident.ok) return incident;
      const v = verb === 're-check' ? 'recheck' : verb;
      return { ok: true, command: { verb: v, ...(incident.incident ? { incident: incident.incident } : {}) } };
    }
    case 'mute': {
      if (args.length === 0) return { ok: false, error: 'usage: mute <30m|2h|1d> [<incident id>]' };
      const duration = parseDuration(args[0]!);
      if (!duration.ok) return duration;
      const incident = incidentArg(args.slice(1), 'mute <duration>');
      if (!incident.ok) return incident;
      return { ok: true, command: { verb: 'mute', durationMs: duration.ms, duration: args[0]!, ...(incident.incident ? { incident: incident.incident } : {}) } };
    }
    case 'status':
      return args.length ? { ok: false, error: 'usage: status' } : { ok: true, command: { verb: 'status' } };
    case 'audit': {
      if (args.length !== 1) return { ok: false, error: 'usage: audit <cluster>' };
      const cluster = clusterOption(args[0]);
      return cluster.ok ? { ok: true, command: { verb: 'audit', cluster: cluster.cluster! } } : cluster;
    }
    case 'warning':
      return parseWarning(args);
    default:
      return { ok: false, error: `unknown command ${quote(words[0]!)}: try help` };
  }
}

export const HELP_TEXT = [
  'pull-doctor commands:',
  '• diagnose <pod> [-n <namespace>] [--cluster <name>] — why this pod cannot pull its image',
  '• diagnose image <ref> --cluster <name> — why the cluster cannot pull this image',
  '• recheck [<incident>] — diagnose the incident again now',
  '• why [<incident>] — the full evidence and every check',
  '• mute <30m|2h|1d> [<incident>] — stop updates for a while',
  '• resolve [<incident>] — close the incident',
  '• status — open incidents',
  '• audit <cluster> — every running image checked as if every node were recycled now (admin)',
  '• warning recheck|intended <id> · warning mute <30m|2h|1d> <id> — what a warning\'s buttons do',
  'In an incident\'s Teams thread, or from its buttons, the incident is implied; elsewhere give its id (status lists them, every diagnosis shows it).',
].join('\n');

import { authorize, type ChatActor, type ChatPermission } from '../authz/chat-access';
import { clusterAllowedForChat, resolveChatCluster } from '../authz/cluster-scope';
import { chatRegistryProblem } from '../authz/registry-scope';
import type { Incident, PullFailure } from '../model';
import { muteIncident, requestRecheck, resolveIncident } from '../incidents/incident-actions';
import type { CommandContext, CommandOutcome } from './command-context';
import { findPodFailure } from './find-pod-failure';
import { warningCommand } from './warning-commands';
import { HELP_TEXT, parseCommand, type ChatCommand, type Verb } from './parse-command';

const PERMISSION: Record<Verb, ChatPermission | undefined> = {
  'diagnose-pod': 'diagnose',
  'diagnose-image': 'diagnose',
  recheck: 'diagnose',
  why: 'diagnose',
  status: 'diagnose',
  mute: 'admin',
  resolve: 'admin',
  help: undefined,
  // Issue 18: an audit re-checks every running image (expensive); muting or accepting a warning changes state for everyone.
  audit: 'admin',
  'warning-recheck': 'diagnose',
  'warning-mute': 'admin',
  'warning-intended': 'admin',
};

const VERB_WORDS: Record<Verb, string> = {
  'diagnose-pod': 'diagnose',
  'diagnose-image': 'diagnose image',
  recheck: 'recheck',
  why: 'why',
  status: 'status',
  mute: 'mute',
  resolve: 'resolve',
  help: 'help',
  audit: 'audit',
  'warning-recheck': 'warning recheck',
  'warning-mute': 'warning mute',
  'warning-intended': 'warning intended',
};

function who(actor: ChatActor): string {
  return `${actor.platform} user ${actor.userId}${actor.channelId ? ` in ${actor.channelId}` : ''}`;
}

function clusterName(id: string): string {
  return id.split('/').pop() ?? id;
}

function shortId(id: string): string {
  return id.slice(0, 12);
}

/** One chat message → parse, authorize, run. Never throws: every failure is answered and logged. */
export async function handleChatText(ctx: CommandContext, text: string): Promise<CommandOutcome> {
  const parsed = parseCommand(text);
  if (!parsed.ok) {
    ctx.services.log.warn(`chat: ${who(ctx.actor)}: invalid command (${parsed.error})`);
    await ctx.reply({ kind: 'text', text: `${parsed.error}. Nothing was run. Type help for the commands.`, private: true });
    return 'invalid';
  }
  return handleCommand(ctx, parsed.command);
}

/** A parsed command (text or button) → authorize, run, answer. Never throws. */
export async function handleCommand(ctx: CommandContext, command: ChatCommand): Promise<CommandOutcome> {
  const { log, settings } = ctx.services;
  const permission = PERMISSION[command.verb];
  if (permission) {
    const decision = authorize(settings.access, ctx.actor, permission);
    if (!decision.allowed) {
      log.warn(`chat: denied ${command.verb}: ${decision.reason}`);
      const setting = permission === 'admin' ? 'PULL_DOCTOR_CHAT_ADMIN_ALLOW' : 'PULL_DOCTOR_CHAT_DIAGNOSE_ALLOW';
      const ids = [`${ctx.actor.platform}:${ctx.actor.userId}`, ctx.actor.channelId && `${ctx.actor.platform}:${ctx.actor.channelId}`].filter(Boolean).join(' or ');
      await ctx.reply({
        kind: 'text',
        private: true,
        text: `Sorry, you may not run ${VERB_WORDS[command.verb]} from here. An administrator can allow it by adding ${ids} to ${setting}.`,
      });
      return 'denied';
    }
  }
  // Cancelled by the caller (a Slack command handed over to the queue): whoever cancelled answers.
  const cancelled = (): CommandOutcome => {
    log.info(`chat: ${who(ctx.actor)}: ${command.verb} cancelled here (${ctx.signal?.reason instanceof Error ? ctx.signal.reason.message : 'aborted'})`);
    return 'failed';
  };
  try {
    const outcome = await run(ctx, command);
    // The engine finishes a cancelled run with every check unknown; that is not an answer.
    if (ctx.signal?.aborted) return cancelled();
    log.info(`chat: ${who(ctx.actor)}: ${command.verb} → ${outcome}`);
    return outcome;
  } catch (error) {
    if (ctx.signal?.aborted) return cancelled();
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log.error(`chat: ${who(ctx.actor)}: ${command.verb} failed: ${reason}`);
    await ctx.reply({ kind: 'text', text: `Sorry, ${VERB_WORDS[command.verb]} failed: ${error instanceof Error ? error.message : 'unexpected error'}`, private: true }).catch(() => undefined);
    return 'failed';
  }
}

async function run(ctx: CommandContext, command: ChatCommand): Promise<CommandOutcome> {
  switch (command.verb) {
    case 'help':
      await ctx.reply({ kind: 'text', text: HELP_TEXT, private: true });
      return 'done';
    case 'status':
      return status(ctx);
    case 'diagnose-image':
      return diagnoseImage(ctx, command);
    case 'diagnose-pod':
      return diagnosePod(ctx, command);
    case 'audit':
    case 'warning-recheck':
    case 'warning-mute':
    case 'warning-intended':
      return warningCommand(ctx, command, refuse);
    default:
      return incidentCommand(ctx, command);
  }
}

async function refuse(ctx: CommandContext, text: string, outcome: CommandOutcome): Promise<CommandOutcome> {
  ctx.services.log.warn(`chat: ${who(ctx.actor)}: ${text}`);
  await ctx.reply({ kind: 'text', text, private: true });
  return outcome;
}

/** The open (or muted) incident of this cluster and image, so the answer carries its buttons. */
async function incidentFor(ctx: CommandContext, cluster: string, image: string): Promise<Incident | undefined> {
  const open = await ctx.services.incidents.list({ status: ['open', 'muted'] }, { signal: ctx.signal });
  return open.find((i) => i.cluster.toLowerCase() === cluster.toLowerCase() && i.image === image);
}

async function diagnoseAndReply(ctx: CommandContext, failure: PullFailure): Promise<CommandOutcome> {
  const diagnosis = await ctx.services.diagnoser.diagnose(failure, { signal: ctx.signal });
  const incident = failure.cluster ? await incidentFor(ctx, failure.cluster, failure.image) : undefined;
  await ctx.reply({ kind: 'diagnosis', diagnosis, ...(incident ? { incident } : {}) });
  return 'done';
}

async function diagnoseImage(ctx: CommandContext, command: Extract<ChatCommand, { verb: 'diagnose-image' }>): Promise<CommandOutcome> {
  const cluster = resolveChatCluster(command.cluster, ctx.services.settings.allowedClusters);
  if (!cluster.ok) return refuse(ctx, `${cluster.error}.`, cluster.kind === 'denied' ? 'denied' : 'invalid');
  const registry = chatRegistryProblem(command.image, ctx.services.settings.allowedRegistries);
  if (registry) return refuse(ctx, `Sorry, ${registry}.`, 'denied');
  return diagnoseAndReply(ctx, { cluster: cluster.clusterId, image: command.image, source: 'chat' });
}

async function diagnosePod(ctx: CommandContext, command: Extract<ChatCommand, { verb: 'diagnose-pod' }>): Promise<CommandOutcome> {
  const { containerInsights, settings } = ctx.services;
  const workspaceId = settings.workspaceIds[0];
  if (!containerInsights || !workspaceId) {
    return refuse(ctx, 'diagnose <pod> reads the pod from Container insights, and no workspace is configured (PULL_DOCTOR_WORKSPACE_IDS). Use diagnose image <ref> --cluster <name>.', 'failed');
  }
  let cluster: string | undefined;
  if (command.cluster !== undefined) {
    const resolved = resolveChatCluster(command.cluster, settings.allowedClusters);
    if (!resolved.ok) return refuse(ctx, `${resolved.error}.`, resolved.kind === 'denied' ? 'denied' : 'invalid');
    cluster = resolved.clusterId;
  } else {
    const only = resolveChatCluster(undefined, settings.allowedClusters);
    if (only.ok) cluster = only.clusterId;
    else if (only.kind === 'denied') return refuse(ctx, `${only.error}.`, 'denied');
    // Several allowed clusters: search them all; rows from clusters outside the list are dropped.
  }
  const end = (ctx.services.now ?? (() => new Date()))();
  const start = new Date(end.getTime() - (settings.lookbackHours ?? 24) * 3600_000);
  const found = await findPodFailure(
    containerInsights,
    { workspaceId, pod: command.pod, namespace: command.namespace, cluster, allowedClusters: settings.allowedClusters, start, end },
    ctx.signal,
  );
  if (!found.ok) return refuse(ctx, `${found.error}.`, 'not-found');
  // The image comes from the cluster's own pod spec, so it is what the kubelet pulls; still only allowed registries are read.
  const registry = chatRegistryProblem(found.failure.image, ctx.services.settings.allowedRegistries);
  if (registry) return refuse(ctx, `Sorry, ${registry}.`, 'denied');
  return diagnoseAndReply(ctx, found.failure);
}

async function status(ctx: CommandContext): Promise<CommandOutcome> {
  const allowed = ctx.services.settings.allowedClusters;
  const open = (await ctx.services.incidents.list({ status: ['open', 'muted'] }, { signal: ctx.signal }))
    .filter((i) => clusterAllowedForChat(i.cluster, allowed))
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
  if (open.length === 0) {
    await ctx.reply({ kind: 'text', text: 'No open incidents.' });
    return 'done';
  }
  const lines = open.slice(0, 15).map((i) => {
    const pods = i.podCount ?? i.pods.length;
    const state = i.status === 'muted' ? `muted until ${i.mutedUntil ?? '?'}` : 'open';
    return `• ${shortId(i.id)} ${i.image} on ${clusterName(i.cluster)} — ${i.rootCause ?? i.category} — ${pods} pod${pods === 1 ? '' : 's'} — ${state}, last seen ${i.lastSeen}`;
  });
  if (open.length > 15) lines.push(`… and ${open.length - 15} more`);
  await ctx.reply({ kind: 'text', text: [`${open.length} open incident${open.length === 1 ? '' : 's'}:`, ...lines].join('\n') });
  return 'done';
}

type IncidentCommand = Extract<ChatCommand, { verb: 'recheck' | 'why' | 'mute' | 'resolve' }>;

/** The incident a command means: its argument (id or prefix), else the thread it was typed in. */
async function findIncident(ctx: CommandContext, command: IncidentCommand): Promise<Incident | string> {
  const ref = command.incident ?? ctx.thread;
  if (!ref) return `${VERB_WORDS[command.verb]} needs an incident: use it in the incident's thread, or give the id (status lists them).`;
  const all = await ctx.services.incidents.list(undefined, { signal: ctx.signal });
  // Incidents outside the chat allow-list do not exist as far as chat is concerned.
  const matches = all.filter((i) => (i.id === ref || i.id.startsWith(ref)) && clusterAllowedForChat(i.cluster, ctx.services.settings.allowedClusters));
  if (matches.length === 1) return matches[0]!;
  return matches.length === 0 ? `no incident ${ref} (status lists the open ones).` : `incident id ${ref} is ambiguous: give more characters.`;
}

async function incidentCommand(ctx: CommandContext, command: IncidentCommand): Promise<CommandOutcome> {
  const found = await findIncident(ctx, command);
  if (typeof found === 'string') return refuse(ctx, `Sorry, ${found}`, 'not-found');
  const incident = found;
  const { incidents, queue } = ctx.services;
  const now = (ctx.services.now ?? (() => new Date()))();
  const user = ctx.actor.userName ?? ctx.actor.userId;
  const label = `${incident.image} on ${clusterName(incident.cluster)} (incident ${shortId(incident.id)})`;
  switch (command.verb) {
    case 'recheck': {
      if (!incident.sample) return refuse(ctx, `Sorry, incident ${shortId(incident.id)} has no failure recorded to re-check.`, 'failed');
      const queued = await requestRecheck(incidents, queue, incident.cluster, incident.id, user, { signal: ctx.signal });
      if (!queued.ok) return refuse(ctx, `Sorry, incident ${shortId(incident.id)}: ${queued.reason}.`, 'not-found');
      await ctx.reply({ kind: 'text', text: `🔄 Re-check of ${label} queued by ${user}; the incident's message updates when it is done (and resolves if the pull now works).` });
      return 'done';
    }
    case 'why': {
      if (!incident.sample) return refuse(ctx, `Sorry, incident ${shortId(incident.id)} has no failure recorded to explain.`, 'failed');
      const diagnosis = await ctx.services.diagnoser.diagnose(incident.sample, { signal: ctx.signal });
      await ctx.reply({ kind: 'diagnosis', diagnosis, incident, showAllChecks: true });
      return 'done';
    }
    case 'mute': {
      const muted = await muteIncident(incidents, incident.cluster, incident.id, new Date(now.getTime() + command.durationMs), { signal: ctx.signal });
      if (!muted.ok) return refuse(ctx, `Incident ${shortId(incident.id)} was not muted: ${muted.reason}.`, 'done');
      const until = muted.incident.mutedUntil;
      const text = `🔕 ${label} muted for ${command.duration} (until ${until}) by ${user}.`;
      await tellThread(ctx, incident, text);
      await ctx.reply({ kind: 'text', text });
      return 'done';
    }
    case 'resolve': {
      const how = `resolved by ${user}`;
      const resolved = await resolveIncident(incidents, incident.cluster, incident.id, how, now, { signal: ctx.signal });
      if (!resolved.ok) return refuse(ctx, `Incident ${shortId(incident.id)} was not resolved: ${resolved.reason}.`, 'done');
      const posted = await markMessageResolved(ctx, resolved.incident, how);
      // In the incident's own thread the chat port's "✅ Resolved" line is the answer.
      if (!(posted && answersInThread(ctx, incident))) await ctx.reply({ kind: 'text', text: `✅ ${label} ${how}.` });
      return 'done';
    }
  }
}

function answersInThread(ctx: CommandContext, incident: Incident): boolean {
  return !!ctx.inThread && ctx.thread === incident.id;
}

/** The incident's own message gets the resolved headline and a thread line; a failed update is logged, not fatal (the state is saved). */
async function markMessageResolved(ctx: CommandContext, incident: Incident, how: string): Promise<boolean> {
  const chat = ctx.services.chat;
  if (!chat || !incident.chat || incident.chat.platform !== chat.platform) return false;
  try {
    await chat.resolved(incident.chat, incident, how, { signal: ctx.signal });
    return true;
  } catch (error) {
    ctx.services.log.warn(`chat: incident ${incident.id} resolved, but its message could not be updated: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** A line in the incident's thread, for whoever follows it there, unless the answer lands there anyway. */
async function tellThread(ctx: CommandContext, incident: Incident, text: string): Promise<void> {
  const chat = ctx.services.chat;
  if (!chat || !incident.chat || incident.chat.platform !== chat.platform || answersInThread(ctx, incident)) return;
  try {
    await chat.reply(incident.chat, text, { signal: ctx.signal });
  } catch (error) {
    ctx.services.log.warn(`chat: could not post in the thread of incident ${incident.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

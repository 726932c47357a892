import { clusterAllowedForChat, resolveChatCluster } from '../authz/cluster-scope';
import { impactExitCode } from '../model';
import { renderWarningText } from '../render/warning';
import { acknowledgeWarning, muteWarning, recheckWarning, type WarningActionResult } from '../warnings/warning-actions';
import type { CommandContext, CommandOutcome } from './command-context';
import type { ChatCommand } from './parse-command';

type WarningCommand = Extract<ChatCommand, { verb: 'audit' | 'warning-recheck' | 'warning-mute' | 'warning-intended' }>;
type Refuse = (ctx: CommandContext, text: string, outcome: CommandOutcome) => Promise<CommandOutcome>;

/**
 * Issue 18 verbs, after handle-command.ts authorized them: `audit <cluster>` and the warning buttons
 * (Re-check, Mute, It's intended). A warning of a cluster outside the chat allow-list does not
 * exist as far as chat is concerned, as for incidents.
 */
export async function warningCommand(ctx: CommandContext, command: WarningCommand, refuse: Refuse): Promise<CommandOutcome> {
  const { services } = ctx;
  const user = ctx.actor.userName ?? ctx.actor.userId;
  if (command.verb === 'audit') {
    const cluster = resolveChatCluster(command.cluster, services.settings.allowedClusters);
    if (!cluster.ok) return refuse(ctx, `${cluster.error}.`, cluster.kind === 'denied' ? 'denied' : 'invalid');
    if (!services.audit) return refuse(ctx, 'audit reads what runs from Container insights, and no workspace is configured (PULL_DOCTOR_WORKSPACE_IDS).', 'failed');
    const report = await services.audit(cluster.clusterId, ctx.signal);
    const text = renderWarningText({ report }, { now: new Date(report.change.at), mode: 'audit', cluster: cluster.clusterId });
    const verdict = ['nothing at risk', 'something would fail', 'some images could not be checked'][[0, 1, 2].indexOf(impactExitCode(report))];
    services.log.info(`chat: audit of ${cluster.clusterId}: ${verdict}`);
    await ctx.reply({ kind: 'text', text });
    return 'done';
  }
  const deps = services.warnings;
  if (!deps) return refuse(ctx, 'warnings are not configured in this deployment.', 'failed');
  const warning = await deps.store.get(command.warning, { signal: ctx.signal });
  const allowed = warning && warning.keys.filter((k) => k.cluster.startsWith('/')).every((k) => clusterAllowedForChat(k.cluster, services.settings.allowedClusters));
  if (!warning || !allowed) return refuse(ctx, `Sorry, no warning ${command.warning.slice(0, 12)}.`, 'not-found');
  let result: WarningActionResult;
  switch (command.verb) {
    case 'warning-recheck':
      result = await recheckWarning(deps, command.warning, user, ctx.signal);
      break;
    case 'warning-mute':
      result = await muteWarning(deps, command.warning, command.durationMs, user, ctx.signal);
      break;
    case 'warning-intended':
      result = await acknowledgeWarning(deps, command.warning, user, ctx.signal);
      break;
  }
  if (!result.ok) return refuse(ctx, `Sorry, ${result.text}.`, 'done');
  await ctx.reply({ kind: 'text', text: result.text });
  return 'done';
}

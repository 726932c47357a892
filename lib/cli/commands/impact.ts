import { impactExitCode, type ImpactReport } from '../../model';
import type { SandboxImpact } from '../../prevent/impact-in-sandbox';
import { UsageError, type Command } from '../command';
import { loadWorldArgument, resolveWorldPath } from '../open-engine';
import { parseOptions } from '../options';

const USAGE = `usage: pull-doctor impact --world <name | file> [--json]

Runs a world's Azure change (its \`change:\` Event Grid event, as Azure delivers it) through change
intake and the impact analysis on the built-in sandbox: what runs now (Container insights) and
would fail on its next pull, with the check that now fails and the fix.
Exit: 0 nothing at risk, 1 something at risk, 2 could not decide, 3 usage error, 4 internal error.`;

export const impactCommand: Command = {
  name: 'impact',
  summary: 'what running now would fail on its next pull after an Azure change (--world sandbox)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { world: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.world) throw new UsageError('--world is required (a sandbox world with a `change:` event, e.g. --world change-tag-deleted)');
    const world = loadWorldArgument(values.world);
    if (world.change === undefined) throw new UsageError(`--world ${JSON.stringify(values.world)} has no \`change:\` event (worlds with one: change-*.yaml)`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox and the engine load only when the command runs
    const { impactInSandbox } = require('../../prevent/impact-in-sandbox') as typeof import('../../prevent/impact-in-sandbox');
    const result = await impactInSandbox(world, { file: resolveWorldPath(values.world) });
    io.out(values.json ? JSON.stringify(impactJson(result), null, 2) : impactText(result));
    return exitCode(result.reports);
  },
};

function exitCode(reports: readonly ImpactReport[]): number {
  const codes = reports.map(impactExitCode);
  return codes.includes(1) ? 1 : codes.includes(2) ? 2 : 0;
}

/** The machine-readable answer: the at-risk list across the world's (debounced) changes. */
export function impactJson(result: SandboxImpact) {
  const atRisk = result.reports.flatMap((r) =>
    r.atRisk.map((w) => ({ cluster: w.cluster, namespace: w.namespace, workload: w.workload, pods: w.pods, image: w.image, nodePools: w.nodePools, checkId: w.checkId, summary: w.summary, fix: w.fix })),
  );
  return {
    atRisk,
    undecided: result.reports.flatMap((r) => r.undecided),
    change: result.reports[0]?.change,
    ...(result.reports.length > 1 ? { changes: result.reports.map((r) => r.change) } : {}),
    ignored: result.events.filter((e) => e.kind !== 'change').map((e) => ({ kind: e.kind, ...(e.id ? { id: e.id } : {}), reason: e.reason })),
    considered: sum(result.reports, (r) => r.considered),
    checked: sum(result.reports, (r) => r.checked),
    requests: {
      logs: sum(result.reports, (r) => r.requests.logs),
      arm: sum(result.reports, (r) => r.requests.arm),
      registry: sum(result.reports, (r) => r.requests.registry),
    },
  };
}

const sum = (reports: readonly ImpactReport[], f: (r: ImpactReport) => number) => reports.reduce((n, r) => n + f(r), 0);

function describeChange(report: ImpactReport): string {
  const c = report.change;
  const what = c.registry ? `${c.registry.loginServer}/${c.registry.repository}${c.registry.tags.length ? `:${c.registry.tags.slice(0, 5).join(', :')}${c.registry.tags.length > 5 ? ` (+${c.registry.tags.length - 5} more)` : ''}` : ''}` : (c.resourceId ?? '');
  const events = c.eventIds.length > 1 ? ` (${c.eventIds.length} events folded)` : '';
  return `Change: ${c.kind} ${what} at ${c.at}${c.principal ? ` by ${c.principal}` : ''}${events}`;
}

/** Plain text, one block per change. */
export function impactText(result: SandboxImpact): string {
  if (result.reports.length === 0) return `No change that can affect a pull (${result.events.map((e) => (e.kind === 'change' ? e.kind : `${e.kind}: ${e.reason}`)).join('; ')})`;
  const lines: string[] = [];
  for (const report of result.reports) {
    lines.push(describeChange(report));
    if (report.atRisk.length) {
      const pods = report.atRisk.reduce((n, w) => n + w.pods, 0);
      lines.push(`⚠ Will fail on next pull: ${pods} pod${pods === 1 ? '' : 's'} in ${report.atRisk.length} workload${report.atRisk.length === 1 ? '' : 's'}`);
      for (const w of report.atRisk) {
        lines.push(`  ${w.namespace}/${w.workload}  ${w.pods} pod${w.pods === 1 ? '' : 's'}  ${w.image}${w.nodePools.length ? `  (pools ${w.nodePools.join(', ')})` : ''}`);
        lines.push(`    ✖ ${w.checkId}: ${w.summary}`);
        if (w.fix) lines.push(`    fix: ${w.fix.text}${w.fix.command ? `\n      $ ${w.fix.command}` : ''}`);
      }
    } else if (report.undecided.length === 0) lines.push('✔ Nothing running is at risk.');
    for (const u of report.undecided) lines.push(`  ? could not decide ${u.image} on ${u.cluster.split('/').pop()} (${u.checkId}): ${u.reason}`);
    lines.push(
      `Considered ${report.considered} running (cluster, image) pair${report.considered === 1 ? '' : 's'}, re-checked ${report.checked}; requests: ${report.requests.logs} Log Analytics, ${report.requests.arm} ARM, ${report.requests.registry} registry`,
      '',
    );
  }
  return lines.join('\n').trimEnd();
}

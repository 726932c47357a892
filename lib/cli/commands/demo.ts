import fs from 'node:fs';
import path from 'node:path';
import type { Diagnosis, Incident } from '../../model';
import { writeChatArtifacts } from '../../render/chat-artifacts';
import { renderText } from '../../render/text';
import { diagnoseInSandbox } from '../../sandbox/diagnose-in-sandbox';
import { listWorlds, loadWorld } from '../../sandbox/load-world';
import type { World } from '../../sandbox/world-schema';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';
import { loadWorldArgument, resolveWorldPath } from '../open-engine';

const USAGE = `usage: pull-doctor demo [--all] [--world <name>…] [--out <dir>] [--no-png] [--quiet]

Starts the built-in sandbox (HTTPS Azure Resource Manager and registry on 127.0.0.1, no Azure
account), diagnoses each demo world's failure with the real engine and SDK clients, prints the
result and writes, per world, the diagnosis JSON, the Slack payload, the Teams Adaptive Card and
its PNG (headless Chromium, when installed) under --out (default out/demo).
Exit: 0 every world diagnosed as its file expects, 3 usage error, 4 internal error (also: a world's
diagnosis differs from its expectation — a bug in a check or in the world).`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'diagnose the built-in sandbox worlds (no Azure account needed)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      all: { type: 'boolean' },
      world: { type: 'string', multiple: true },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
      'no-png': { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const named = values.world?.length ? values.world.map((w) => ({ name: path.basename(resolveWorldPath(w), '.yaml'), world: loadWorldArgument(w) })) : undefined;
    const worlds = (named ?? listWorlds().map((file) => ({ name: path.basename(file, '.yaml'), world: loadWorld(file) }))).filter((w) => values.all || named || w.world.demo);
    const outDir = path.resolve(values.out ?? path.join('out', 'demo'));
    fs.mkdirSync(outDir, { recursive: true });

    const summary: string[] = [];
    let mismatches = 0;
    let pngNote = '';
    for (const { name, world } of worlds) {
      const diagnosis = await diagnoseInSandbox(world);
      const incident = demoIncident(world, diagnosis);
      const met = meetsExpectation(world, diagnosis);
      if (!met) mismatches += 1;
      if (!values.quiet) {
        io.out(`\n════ ${name}: ${world.description}\n`);
        io.out(renderText(diagnosis, incident, { color: io.color ?? false }));
      }
      fs.writeFileSync(path.join(outDir, `${name}.diagnosis.json`), `${JSON.stringify(diagnosis, null, 2)}\n`);
      const artifacts = await writeChatArtifacts(diagnosis, incident, outDir, { name, chromiumPath: values['no-png'] ? '' : undefined });
      if (artifacts.pngSkipped && !values['no-png'] && !pngNote) pngNote = `card PNGs skipped: ${artifacts.pngSkipped}`;
      summary.push(
        `${met ? '✔' : '✖'} ${name.padEnd(40)} ${diagnosis.verdict.outcome.padEnd(12)} ${diagnosis.verdict.rootCauses.map((r) => r.checkId).join(', ') || '-'}  (${diagnosis.timings.totalMs} ms, ${diagnosis.requests.total} requests)`,
      );
    }
    // Issue 18: one prevented incident — a change caught before any pod failed, posted as a warning.
    if (!named) {
      const { preventedIncidentDemo, PREVENTED_WORLD } = await import('../../warnings/demo-warning.js');
      const file = resolveWorldPath(PREVENTED_WORLD);
      const prevented = await preventedIncidentDemo(loadWorld(file), outDir, { name: PREVENTED_WORLD, file, color: io.color ?? false, ...(values['no-png'] ? { chromiumPath: '' } : {}) });
      if (!values.quiet) io.out(`\n════ prevented: ${PREVENTED_WORLD}: the warning posted before any pod failed\n${prevented.text}`);
      summary.push(`⚠ ${`prevented: ${PREVENTED_WORLD}`.padEnd(40)} at-risk      ${prevented.warning.totals.workloads} workload(s), ${prevented.warning.totals.pods} pod(s) warned before their next pull`);
    }
    io.out(`\n${worlds.length} world(s) diagnosed on the sandbox; diagnosis JSON, Slack payload and Teams card per world in ${outDir}${pngNote ? ` (${pngNote})` : ''}\n${summary.join('\n')}`);
    if (mismatches) io.err(`${mismatches} world(s) did not meet their expected diagnosis`);
    return mismatches ? EXIT.internal : EXIT.ok;
  },
};

/** The incident intake would have opened for the world's failure (one pod). */
export function demoIncident(world: World, diagnosis: Diagnosis): Incident {
  const f = world.failure;
  const now = new Date().toISOString();
  return {
    // Named after what the diagnosis found, not the classifier's reading of the message (they can disagree).
    id: `demo-${diagnosis.verdict.rootCauses[0]?.checkId ?? diagnosis.verdict.outcome.replace(/_/g, '-')}`,
    cluster: f.cluster ?? '',
    image: f.image,
    category: diagnosis.classification.category,
    rootCause: diagnosis.verdict.rootCauses[0]?.checkId,
    status: 'open',
    pods: f.pod ? [`${f.namespace ?? 'default'}/${f.pod}`] : [],
    namespaces: f.namespace ? [f.namespace] : [],
    controllers: f.controller ? [`${f.namespace ?? 'default'}/${f.controller}`] : [],
    firstSeen: f.firstSeen ?? now,
    lastSeen: f.lastSeen ?? now,
    eventCount: f.count ?? 1,
  };
}

function meetsExpectation(world: World, d: Diagnosis): boolean {
  const causes = d.verdict.rootCauses.map((r) => r.checkId);
  const fixes = d.findings.flatMap((f) => f.fixes.flatMap((x) => [x.text, x.command ?? ''])).join('\n');
  return (
    d.classification.category === world.expect.category &&
    world.expect.rootCause.every((c) => causes.includes(c)) &&
    (world.expect.rootCause.length > 0 || causes.length === 0) &&
    world.expect.fixIncludes.every((s) => fixes.includes(s))
  );
}

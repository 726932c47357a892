import { silentLogger } from '../../intake/logger';
import type { Incident } from '../../model';
import { renderText } from '../../render/text';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';
import { openEngine } from '../open-engine';
import { OUTCOME_EXIT } from './diagnose';
import { NO_STORAGE } from './incidents';

const USAGE = `usage: pull-doctor why <incident id or its first 8+ characters> [--world <name | file>] [--json]

The full evidence of an incident — what chat messages point to when they are shortened. Reads the
incident from the incident table (AzureWebJobsStorage or AzureWebJobsStorage__accountName,
PULL_DOCTOR_INCIDENT_TABLE; \`pull-doctor incidents\` lists the ids), prints what intake recorded
(pods, namespaces, events, last job error) and diagnoses its most recent failure again with every
check shown: against Azure (DefaultAzureCredential), or the sandbox with --world.
Exit: 0 the pull should work now, 1 cause found, 2 could not decide, 3 usage error (also: unknown id,
no storage configured), 4 internal error.`;

const INCIDENT_REF = /^[0-9a-f]{8,64}$/;

function recorded(i: Incident): string {
  const state = i.status === 'muted' ? `muted until ${i.mutedUntil}` : i.status === 'resolved' ? `resolved (${i.resolvedReason ?? 'resolved'})` : 'open';
  return [
    `incident ${i.id} · ${state}`,
    `  ${i.image} on ${i.cluster}`,
    `  ${i.category}${i.rootCause ? ` → ${i.rootCause}` : ''}; ${i.podCount ?? i.pods.length} pod(s): ${i.pods.slice(0, 5).join(', ')}${i.pods.length > 5 ? ', …' : ''}`,
    `  ${i.eventCount} event(s) from ${i.firstSeen} to ${i.lastSeen}${i.lastDiagnosedAt ? `; last diagnosed ${i.lastDiagnosedAt}` : ''}`,
    ...(i.lastError ? [`  last job failed: ${i.lastError}`] : []),
  ].join('\n');
}

export const whyCommand: Command = {
  name: 'why',
  summary: 'the full evidence of an incident (reads the incident store, checks again)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { world: { type: 'string' }, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give the incident id (pull-doctor incidents lists them)' : `expected one incident id, got ${positionals.length}`);
    const ref = positionals[0]!.toLowerCase();
    if (!INCIDENT_REF.test(ref)) throw new UsageError(`${JSON.stringify(positionals[0]!.slice(0, 80))} is not an incident id (8 or more hex characters)`);

    // Loaded here, not at the top: `--help` and usage errors need none of the storage and chat stack.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createServices } = require('../../app/create-services') as typeof import('../../app/create-services');
    const services = createServices(io.env, { log: silentLogger });
    if (services.storage === 'memory') throw new UsageError(NO_STORAGE);
    const table = services.settings.PULL_DOCTOR_INCIDENT_TABLE;
    const signal = AbortSignal.timeout(60_000);
    const opened = await openEngine({ world: values.world, env: io.env });
    try {
      const matches = (await services.store.list(undefined, { signal })).filter((i) => i.id === ref || i.id.startsWith(ref));
      if (matches.length !== 1) {
        throw new UsageError(matches.length === 0 ? `no incident ${ref} in table ${table} (pull-doctor incidents --status all lists them)` : `incident id ${ref} is ambiguous (${matches.length} match): give more characters`);
      }
      const incident = matches[0]!;
      if (!incident.sample) {
        io.out(values.json ? JSON.stringify({ incident }, null, 2) : `${recorded(incident)}\n\nNo failure is recorded for this incident, so there is nothing to check again.`);
        return EXIT.undecided;
      }
      const diagnosis = await opened.engine.diagnose(incident.sample, { signal });
      io.out(values.json ? JSON.stringify({ incident, diagnosis }, null, 2) : `${recorded(incident)}\n\n${renderText(diagnosis, incident, { color: io.color ?? false })}`);
      return OUTCOME_EXIT[diagnosis.verdict.outcome];
    } finally {
      await opened.close();
    }
  },
};

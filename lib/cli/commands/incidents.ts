import { silentLogger } from '../../intake/logger';
import type { Incident } from '../../model';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';

const STATUSES = ['open', 'muted', 'resolved', 'all'] as const;

export const NO_STORAGE = 'no incident storage configured: set AzureWebJobsStorage (a connection string, or UseDevelopmentStorage=true for Azurite), AzureWebJobsStorage__accountName, or AzureWebJobsStorage__queueServiceUri and __tableServiceUri';

function clusterName(id: string): string {
  return id.split('/').pop() ?? id;
}

function line(i: Incident): string {
  const pods = i.podCount ?? i.pods.length;
  const state = i.status === 'muted' ? `muted until ${i.mutedUntil}` : i.status === 'resolved' ? `resolved (${i.resolvedReason ?? 'resolved'})` : 'open';
  return [
    `${i.id.slice(0, 8)}  ${state}`,
    `  ${clusterName(i.cluster)}  ${i.image}`,
    `  ${i.category}${i.rootCause ? ` → ${i.rootCause}` : ''}; ${pods} pod(s) in ${i.namespaces.join(', ') || '?'}; ${i.eventCount} event(s); last seen ${i.lastSeen}`,
    ...(i.deliveryFailed ? [`  DELIVERY FAILED${i.deliveryFailed.permanent ? ' (permanent, not retried)' : ''} at ${i.deliveryFailed.at}: ${i.deliveryFailed.reason}`] : []),
    ...(i.pendingJob ? [`  pending job ${i.pendingJob.id} (${i.pendingJob.reason}) since ${i.pendingJob.createdAt}, sent ${i.pendingJob.sends + 1} time(s)`] : []),
    ...(i.lastError ? [`  last job failed: ${i.lastError}`] : []),
  ].join('\n');
}

/** `pull-doctor incidents`: what intake holds (incident table and the diagnose queue's poison messages). */
export const incidentsCommand: Command = {
  name: 'incidents',
  summary: 'list incidents and diagnose jobs that failed for good (poison messages)',
  usage: [
    'usage: pull-doctor incidents [--status open|muted|resolved|all] [--json]',
    '',
    'Reads the incident table and the <queue>-poison queue named by AzureWebJobsStorage (or',
    'AzureWebJobsStorage__accountName, or AzureWebJobsStorage__queueServiceUri and __tableServiceUri),',
    'PULL_DOCTOR_INCIDENT_TABLE and PULL_DOCTOR_QUEUE_NAME.',
    'Each poison message is shown with the reason its last attempt failed.',
    'Exit: 0 listed (none is an answer too), 3 usage error (also: no storage configured), 4 internal error.',
  ].join('\n'),
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { status: { type: 'string', default: 'open' }, json: { type: 'boolean', default: false } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const status = values.status as string;
    if (!(STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
    // Loaded here, not at the top: `--help` and usage errors need none of the storage and chat stack.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createServices } = require('../../app/create-services') as typeof import('../../app/create-services');
    const services = createServices(io.env, { log: silentLogger });
    if (services.storage === 'memory') throw new UsageError(NO_STORAGE);
    const signal = AbortSignal.timeout(60_000);
    const incidents = await services.store.list(status === 'all' ? {} : { status: [status as Incident['status']] }, { signal });
    incidents.sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
    const [poison, failures] = await Promise.all([services.queue.peekPoison({ signal }), services.store.jobFailures({ signal })]);
    const reasons = new Map(failures.map((f) => [f.jobId, f]));
    const poisoned = poison.map((p) => ({ ...p, failure: p.job ? reasons.get(p.job.jobId) : undefined }));
    if (values.json) {
      io.out(JSON.stringify({ incidents, poison: poisoned }, null, 2));
      return EXIT.ok;
    }
    io.out(incidents.length ? incidents.map(line).join('\n\n') : `no ${status === 'all' ? '' : `${status} `}incidents`);
    if (poisoned.length) {
      io.out(`\npoison messages (${services.settings.PULL_DOCTOR_QUEUE_NAME}-poison):`);
      for (const p of poisoned) {
        const what = p.job
          ? `incident ${p.job.incidentId.slice(0, 8)} (${p.job.reason})`
          : p.chatCommand
            ? `chat command: ${p.chatCommand}`
            : p.alertExpansion
              ? `${p.alertExpansion} (its Log Analytics read failed; see the error log)`
              : `unreadable message: ${p.unreadable ?? 'no reason recorded'}`;
        io.out(`  ${p.messageId}  ${p.insertedOn ?? ''}  ${what}\n    ${p.failure ? `attempt ${p.failure.attempt} failed: ${p.failure.error}` : 'no failure recorded'}`);
      }
    }
    return EXIT.ok;
  },
};

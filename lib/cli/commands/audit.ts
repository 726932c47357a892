import { impactExitCode, type ImpactReport } from '../../model';
import { isAksClusterId } from '../../intake/names';
import { renderWarningMarkdown, renderWarningText } from '../../render/warning';
import { auditJson } from '../../warnings/audit';
import { EXIT, UsageError, type Command } from '../command';
import { loadWorldArgument, resolveWorldPath } from '../open-engine';
import { parseOptions } from '../options';

const USAGE = `usage: pull-doctor audit --cluster <AKS resource id> [--json | --format markdown]
       pull-doctor audit --world <name | file> [--cluster <id or name>] [--json | --format markdown]

The fleet audit: every image running in a cluster now (Container insights, last hour) re-checked
against the registry, the kubelet identity, network and node pools — what would fail if every
node were recycled now, largest blast radius first. Against Azure with DefaultAzureCredential
(PULL_DOCTOR_WORKSPACE_IDS names the Log Analytics workspaces), or the sandbox with --world (after
the world's \`change:\`, when it has one).
Exit: 0 nothing at risk, 1 something at risk, 2 could not decide, 3 usage error, 4 internal error.`;

/** No running pod seen is not "safe": the audit says it could not look. */
function honest(cluster: string, report: ImpactReport): ImpactReport {
  if (report.considered > 0) return report;
  const reason = 'Container insights shows no running pod of this cluster in the last hour (is monitoring on, and the workspace in PULL_DOCTOR_WORKSPACE_IDS?)';
  return { ...report, undecided: [...report.undecided, { cluster, image: '*', checkId: 'cluster', reason }] };
}

/* eslint-disable @typescript-eslint/no-require-imports -- each mode loads only its own stack (the sandbox never in Azure mode) */
async function audit(values: { world?: string; cluster?: string }, env: Record<string, string | undefined>): Promise<Array<{ cluster: string; report: ImpactReport }>> {
  if (values.world) {
    const world = loadWorldArgument(values.world);
    const { auditInSandbox } = require('../../warnings/audit-in-sandbox') as typeof import('../../warnings/audit-in-sandbox');
    return auditInSandbox(world, { file: resolveWorldPath(values.world), ...(values.cluster ? { cluster: values.cluster } : {}) });
  }
  const cluster = values.cluster!;
  if (!isAksClusterId(cluster)) throw new UsageError(`--cluster must be an AKS resource id (/subscriptions/…/resourceGroups/…/providers/Microsoft.ContainerService/managedClusters/<name>), got ${JSON.stringify(cluster.slice(0, 200))}`);
  const { readSettings } = require('../../config/settings') as typeof import('../../config/settings');
  const settings = readSettings(env);
  if (settings.PULL_DOCTOR_WORKSPACE_IDS.length === 0) throw new UsageError('PULL_DOCTOR_WORKSPACE_IDS is not set: the audit reads what runs from Container insights in those Log Analytics workspaces');
  const { createDefaultAzureClients } = require('../../azure/create-azure-clients') as typeof import('../../azure/create-azure-clients');
  const { createEngine } = require('../../diagnosis/engine') as typeof import('../../diagnosis/engine');
  const { createRegistryClientFactory } = require('../../registry/oci-registry-client') as typeof import('../../registry/oci-registry-client');
  const { createAzureImpactEngine } = require('../../warnings/azure-impact-engine') as typeof import('../../warnings/azure-impact-engine');
  const { auditCluster } = require('../../warnings/audit') as typeof import('../../warnings/audit');
  const azure = createDefaultAzureClients(settings);
  const registries = createRegistryClientFactory({ credential: azure.credential });
  const engine = createEngine({ azure, registries, egress: { allowedRegistries: settings.PULL_DOCTOR_ALLOWED_REGISTRIES }, subscriptions: settings.PULL_DOCTOR_SUBSCRIPTIONS, inCluster: { mode: 'off' } });
  const impact = createAzureImpactEngine(engine, azure, settings, () => registries.requestCount());
  return [{ cluster, report: await auditCluster(impact, cluster) }];
}
/* eslint-enable @typescript-eslint/no-require-imports */

export const auditCommand: Command = {
  name: 'audit',
  summary: 'every image running in a cluster, checked as if every node were recycled now',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { world: { type: 'string' }, cluster: { type: 'string' }, json: { type: 'boolean' }, format: { type: 'string' } });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.world && !values.cluster) throw new UsageError('give --cluster <AKS resource id> (Azure) or --world <name> (sandbox)');
    if (values.format !== undefined && values.format !== 'markdown' && values.format !== 'text') throw new UsageError(`--format must be text or markdown, got ${JSON.stringify(values.format)}`);
    if (values.json && values.format) throw new UsageError('--json and --format exclude each other');
    const results = (await audit(values, io.env)).map(({ cluster, report }) => ({ cluster, report: honest(cluster, report) }));
    if (values.json) io.out(JSON.stringify(auditJson(results), null, 2));
    else {
      for (const { cluster, report } of results) {
        const options = { now: new Date(report.change.at), mode: 'audit' as const, cluster };
        io.out(values.format === 'markdown' ? renderWarningMarkdown({ report }, options) : renderWarningText({ report }, { ...options, color: io.color ?? false }));
      }
    }
    const codes = results.map(({ report }) => impactExitCode(report));
    return codes.includes(1) ? EXIT.causeFound : codes.includes(2) ? EXIT.undecided : EXIT.ok;
  },
};

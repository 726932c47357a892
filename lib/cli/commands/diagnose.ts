import { clusterIdFrom } from '../../azure/arm-id';
import type { DiagnosisProgress } from '../../diagnosis/diagnoser';
import { isContainerName, isDnsSubdomain, isImageText, isNamespace, isPodName } from '../../intake/names';
import type { Diagnosis, PullFailure } from '../../model';
import { renderText } from '../../render/text';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';
import { openEngine } from '../open-engine';

const USAGE = `usage: pull-doctor diagnose --cluster <resource id | resourceGroup/name> [--subscription <id>] --image <ref>
                            [--namespace <ns>] [--pod <pod>] [--container <name>] [--controller <Kind/name>]
                            [--message "<kubelet message>"] [--reason <ErrImagePull|…>] [--json]
       pull-doctor diagnose --world <name | file>   (built-in sandbox; flags override the world's failure)

Finds why the cluster cannot pull the image, from Azure Resource Manager and the registry
(DefaultAzureCredential: az login, managed identity, or AZURE_CLIENT_ID/…).
--subscription  the subscription of a resourceGroup/name cluster (default: AZURE_SUBSCRIPTION_ID,
                then the first of PULL_DOCTOR_SUBSCRIPTIONS)
Exit: 0 the pull should work, 1 cause found, 2 could not decide, 3 usage error, 4 internal error.`;

export const OUTCOME_EXIT: Record<Diagnosis['verdict']['outcome'], number> = {
  should_work: EXIT.ok,
  cause_found: EXIT.causeFound,
  undecided: EXIT.undecided,
};

export const diagnoseCommand: Command = {
  name: 'diagnose',
  summary: 'find why a cluster cannot pull an image (Azure or --world sandbox)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      world: { type: 'string' },
      cluster: { type: 'string' },
      image: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      pod: { type: 'string' },
      container: { type: 'string' },
      controller: { type: 'string' },
      message: { type: 'string' },
      reason: { type: 'string' },
      subscription: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (!values.world && (!values.cluster || !values.image)) throw new UsageError('--cluster and --image are required (or --world)');
    validateNames(values);

    const opened = await openEngine({ world: values.world, env: io.env });
    try {
      const base: PullFailure = opened.worldFailure ?? { image: values.image!, source: 'cli' };
      const cluster = values.cluster ? clusterIdFrom(values.cluster, values.subscription ?? opened.defaultSubscription) : base.cluster;
      if (values.cluster && !cluster) throw new UsageError(`--cluster "${values.cluster}" is neither a cluster resource id nor resourceGroup/name (with --subscription or AZURE_SUBSCRIPTION_ID)`);
      const overridden = values.image !== undefined || values.pod !== undefined;
      const failure: PullFailure = {
        ...base,
        // A different image or pod is a different failure: the world's message and pod no longer apply.
        ...(overridden && opened.worldFailure ? { message: undefined, reason: undefined, pod: undefined } : {}),
        source: opened.worldFailure ? 'sandbox' : 'cli',
        cluster,
        image: values.image ?? base.image,
        namespace: values.namespace ?? base.namespace,
        pod: values.pod ?? (overridden ? undefined : base.pod),
        container: values.container ?? base.container,
        controller: values.controller ?? base.controller,
        message: values.message ?? (overridden ? undefined : base.message),
        reason: values.reason ?? (overridden ? undefined : base.reason),
      };
      const diagnosis = await opened.engine.diagnose(failure, { onProgress: io.status && !values.json ? liveProgress(io.status) : undefined });
      io.status?.('');
      io.out(values.json ? JSON.stringify(diagnosis, null, 2) : renderText(diagnosis, undefined, { color: io.color ?? false }));
      return OUTCOME_EXIT[diagnosis.verdict.outcome];
    } finally {
      await opened.close();
    }
  },
};

/** Names typed on the command line are checked against Kubernetes grammars before any lookup. */
export function validateNames(values: { namespace?: string; pod?: string; container?: string; controller?: string; image?: string }): void {
  if (values.namespace !== undefined && !isNamespace(values.namespace)) throw new UsageError(`"${values.namespace}" is not a valid namespace name`);
  if (values.pod !== undefined && !isPodName(values.pod)) throw new UsageError(`"${values.pod}" is not a valid pod name`);
  if (values.container !== undefined && !isContainerName(values.container)) throw new UsageError(`"${values.container}" is not a valid container name`);
  // Unparsable references still reach the engine (InvalidImageName is a diagnosis); text with spaces, quotes or control characters is no reference at all.
  if (values.image !== undefined && !isImageText(values.image)) throw new UsageError(`${JSON.stringify(values.image.slice(0, 200))} is not an image reference`);
  const controller = values.controller === undefined ? undefined : /^([A-Za-z]{1,63})\/(.+)$/.exec(values.controller);
  if (values.controller !== undefined && (!controller || !isDnsSubdomain(controller[2]!))) throw new UsageError(`"${values.controller}" is not a valid controller (Kind/name, e.g. Deployment/web)`);
}

export function liveProgress(status: (text: string) => void) {
  return (p: DiagnosisProgress) => status(`[${p.done}/${p.total}] ${p.running.length ? `checking ${p.running.join(', ')}…` : 'done'}`);
}

import type { Evidence, Fix } from '../../model';
import { isNamespace, isPodName } from '../../intake/names';
import type { Category } from '../../model';
import type { Check, CheckContext, CheckOutcome } from '../check';
import { attachAcrCommand, sh } from '../fix-commands';
import { describeRunCommandFailure } from '../in-cluster/in-cluster-access';
import { parseSecretsOutput, type SecretEvidence } from '../in-cluster/parse-output';
import { readInCluster, sameRegistryHost } from '../in-cluster/read-in-cluster';
import { secretsScript, SECRET_TYPE_DOCKERCONFIGJSON } from '../in-cluster/scripts';
import { judgeServicePrincipalSecret } from '../in-cluster/service-principal-secret';
import { DOCS } from './docs';

const SOURCE = 'in-cluster (AKS Run Command): kubectl get pod/secret';

/**
 * The pod's imagePullSecrets, read inside the cluster: each must exist in the pod's namespace, be
 * of type kubernetes.io/dockerconfigjson, and cover the image's registry host; when its username is
 * a service principal appId, that principal must still have a valid client secret (Microsoft Graph).
 * Only secret types, registry hosts and GUID usernames come back from the cluster (scripts.ts);
 * credentials never do.
 */
export const pullSecretCheck: Check = {
  id: 'pull-secret',
  title: 'image pull secrets',
  needs: ['image', 'cluster'],
  inCluster: 'read',
  timeoutMs: 120_000,
  async run(ctx): Promise<CheckOutcome> {
    const image = ctx.facts.image!;
    const cluster = ctx.facts.cluster!;
    const { namespace, pod } = ctx.failure;
    if (!namespace || !pod || !isNamespace(namespace) || !isPodName(pod)) {
      return { finding: { status: 'skipped', summary: 'the failure names no pod, so its imagePullSecrets cannot be read', evidence: [], fixes: [] } };
    }
    const where = `${namespace}/${pod}`;
    let logs: string;
    try {
      logs = (await readInCluster(ctx, cluster.id, secretsScript({ namespace, pod }))).logs;
    } catch (e) {
      const d = describeRunCommandFailure(e, `the imagePullSecrets of ${where}`);
      return { finding: { status: 'unknown', summary: d.summary, evidence: [], fixes: [{ text: d.fixText }], missing: d.missing, docs: DOCS.runCommand } };
    }
    const read = parseSecretsOutput(logs);
    if (read.pod !== 'ok') {
      const forbidden = read.pod === 'forbidden';
      return {
        finding: {
          status: 'unknown',
          summary: forbidden ? `Kubernetes RBAC refused reading pod ${where}` : `could not read pod ${where} inside the cluster (${read.pod === 'notfound' ? 'it no longer exists' : 'kubectl failed'})`,
          evidence: [],
          fixes: forbidden ? [{ text: `Give pull-doctor's identity the Role from the README (get pods, get the named secrets) in namespace ${namespace}.` }] : [],
          missing: { what: `pod ${where}`, permission: forbidden ? `Kubernetes RBAC: get pods in namespace ${namespace}` : undefined },
        },
      };
    }
    if (read.imagePullSecrets.length === 0) return await noSecretOutcome(ctx, where);

    const host = image.registry.toLowerCase();
    const evidence: Evidence[] = [{ fact: `${where} uses imagePullSecrets ${read.imagePullSecrets.join(', ')}`, source: SOURCE }];
    const problems: Array<{ secret: string; text: string; fixes: Fix[] }> = [];
    const unreadable: string[] = [];
    const servicePrincipalSecrets: Array<{ secret: string; appId: string }> = [];
    const registryFacts = ctx.facts.registry;
    const dropSecret = (name: string): Fix[] =>
      registryFacts && sameRegistryHost(registryFacts.loginServer, host)
        ? [{ text: `Or let the kubelet identity pull from ${registryFacts.name} and drop the secret from the pod spec.`, command: attachAcrCommand(cluster, registryFacts) }]
        : [{ text: `Or remove ${name} from the pod's imagePullSecrets if the node identity can pull from ${host}.` }];
    // A secret that exists cannot be created again (AlreadyExists), and its type cannot change (immutable:
    // https://kubernetes.io/docs/concepts/configuration/secret/#secret-types): it is deleted first, and
    // whatever renders it (a chart, a GitOps repository) must be fixed too, or it comes back as it was.
    const recreate = (name: string, wrong?: 'type' | 'server'): Fix => {
      const create = `kubectl create secret docker-registry ${sh(name)} --namespace ${sh(namespace)} --docker-server=${sh(host)} --docker-username=<app id or token name> --docker-password=<secret>`;
      if (!wrong) return { text: `Create ${name} in namespace ${namespace} for ${host} (credentials of an identity with pull rights on it).`, command: create };
      return {
        text: `Replace ${name} in namespace ${namespace} with a docker-registry secret for ${host} (credentials of an identity with pull rights on it): delete it first, ${wrong === 'type' ? "a secret's type cannot change" : 'an existing secret cannot be created again'}; if a chart or GitOps renders it, fix its ${wrong} there too.`,
        command: `kubectl delete secret ${sh(name)} --namespace ${sh(namespace)}\n${create}`,
      };
    };

    for (const name of read.imagePullSecrets) {
      const s: SecretEvidence | undefined = read.secrets.find((x) => x.name === name);
      if (!s || s.status === 'forbidden' || s.status === 'error') {
        unreadable.push(name);
        evidence.push({ fact: `secret ${namespace}/${name}: ${s?.status === 'forbidden' ? 'Kubernetes RBAC refused reading it' : 'could not be read'}`, source: SOURCE });
      } else if (s.status === 'notfound') {
        evidence.push({ fact: `secret ${namespace}/${name} does not exist`, source: SOURCE });
        problems.push({ secret: name, text: `secret ${name} does not exist in namespace ${namespace}`, fixes: [recreate(name), ...dropSecret(name)] });
      } else if (s.type !== SECRET_TYPE_DOCKERCONFIGJSON) {
        evidence.push({ fact: `secret ${namespace}/${name} has type ${s.type}`, source: SOURCE });
        problems.push({ secret: name, text: `secret ${name} has type ${s.type}, not ${SECRET_TYPE_DOCKERCONFIGJSON}`, fixes: [recreate(name, 'type')] });
      } else {
        evidence.push({ fact: `secret ${namespace}/${name} (${s.type}) covers ${s.hosts.join(', ') || 'no registry'}`, source: SOURCE });
        if (!s.hosts.some((h) => sameRegistryHost(h, host))) {
          problems.push({ secret: name, text: `secret ${name} is for ${s.hosts.join(', ') || 'no registry'}, not ${host}`, fixes: [recreate(name, 'server'), ...dropSecret(name)] });
        } else servicePrincipalSecrets.push(...s.appIds.map((appId) => ({ secret: name, appId })));
      }
    }

    if (problems.length) {
      return {
        finding: {
          status: 'fail',
          summary: `The pod's pull secret is wrong: ${problems.map((p) => p.text).join('; ')}`,
          evidence,
          fixes: problems.flatMap((p) => p.fixes),
          docs: DOCS.pullSecret,
        },
      };
    }
    if (unreadable.length) {
      return {
        finding: {
          status: 'unknown',
          summary: `could not read secret ${unreadable.join(', ')} in namespace ${namespace}`,
          evidence,
          fixes: [{ text: `Give pull-doctor's identity get on secrets ${unreadable.join(', ')} in namespace ${namespace} (the README's Role).` }],
          missing: { what: `secret ${unreadable.join(', ')} in ${namespace}`, permission: `Kubernetes RBAC: get secrets (resourceNames ${unreadable.join(', ')}) in namespace ${namespace}` },
        },
      };
    }
    if (servicePrincipalSecrets.length) {
      // Each appId's client secrets through Microsoft Graph (service-principal-secret.ts); the pull secret's password is never read.
      const verdicts = await Promise.all(servicePrincipalSecrets.map((x) => judgeServicePrincipalSecret(ctx, { ...x, namespace, host })));
      evidence.push(...verdicts.flatMap((v) => v.evidence));
      const worst = (['fail', 'unknown', 'warn'] as const).find((st) => verdicts.some((v) => v.status === st));
      const picked = verdicts.filter((v) => v.status === worst);
      if (worst === 'fail') {
        return { finding: { status: 'fail', summary: `The pod's pull secret is wrong: ${picked.map((v) => v.summary).join('; ')}`, evidence, fixes: [...picked.flatMap((v) => v.fixes), ...dropSecret(servicePrincipalSecrets[0].secret)], docs: DOCS.pullSecret } };
      }
      if (worst) {
        return { finding: { status: worst, summary: picked.map((v) => v.summary).join('; '), evidence, fixes: picked.flatMap((v) => v.fixes), missing: picked.find((v) => v.missing)?.missing, docs: DOCS.pullSecret } };
      }
      return { finding: { status: 'pass', summary: `every imagePullSecret of ${where} exists, is ${SECRET_TYPE_DOCKERCONFIGJSON} and covers ${host}; ${verdicts.map((v) => v.summary).join('; ')}`, evidence, fixes: [] } };
    }
    return { finding: { status: 'pass', summary: `every imagePullSecret of ${where} exists, is ${SECRET_TYPE_DOCKERCONFIGJSON} and covers ${host}`, evidence, fixes: [] } };
  },
};

/** Messages in which the registry asked for credentials it did not get (or refused the ones it got). */
const WANTS_CREDENTIALS: readonly Category[] = ['auth_missing', 'access_denied', 'repo_not_found'];

/**
 * No imagePullSecrets. For an ACR the kubelet identity pulls (AKS's credential provider covers
 * *.azurecr.io only); for any other registry the kubelet pulls anonymously, so when that registry
 * asked for credentials the missing secret is the cause
 * (https://kubernetes.io/docs/concepts/containers/images/#specifying-imagepullsecrets-on-a-pod).
 */
async function noSecretOutcome(ctx: CheckContext, where: string): Promise<CheckOutcome> {
  const image = ctx.facts.image!;
  const evidence = [{ fact: `${where}: spec.imagePullSecrets is empty`, source: SOURCE }];
  if (image.acr) return { finding: { status: 'pass', summary: `${where} has no imagePullSecrets: the kubelet pulls with its own identity`, evidence, fixes: [] } };
  const host = image.registry.toLowerCase();
  const { category, candidates } = ctx.classification;
  if (![category, ...candidates].some((c) => WANTS_CREDENTIALS.includes(c))) {
    return { finding: { status: 'pass', summary: `${where} has no imagePullSecrets: the kubelet pulls from ${host} anonymously`, evidence, fixes: [] } };
  }
  // The same anonymous read the repository-tag check makes (shared lookup): if it works, the image is
  // public and no secret is needed, whatever the message says.
  const reference = image.digest ?? image.tag ?? 'latest';
  const publiclyReadable = await ctx.lookups
    .get(`registry ${host} manifest ${image.repository}:${reference}`, (signal) => ctx.registries.forHost(host).resolve(image.repository, reference, { signal }))
    .then(
      () => true,
      // Stryker disable next-line ArrowFunction: undefined reads as false in the one test below, like false
      () => false,
    );
  if (publiclyReadable) {
    return { finding: { status: 'pass', summary: `${where} has no imagePullSecrets, and ${host} serves ${image.repository} anonymously: no secret is needed`, evidence, fixes: [] } };
  }
  const name = `${host.split('.')[0]}-pull`;
  const namespace = ctx.failure.namespace!;
  return {
    finding: {
      status: 'fail',
      summary: `${where} has no imagePullSecrets, so the kubelet pulls ${image.repository} from ${host} anonymously, and ${host} refused it: a private repository needs a pull secret (or the repository name is wrong)`,
      evidence,
      fixes: [
        {
          text: `Create a pull secret for ${host} in namespace ${namespace} with an account or access token that can read ${image.repository}.`,
          command: `kubectl create secret docker-registry ${sh(name)} --namespace ${sh(namespace)} --docker-server=${sh(host)} --docker-username=<user> --docker-password=<access token>`,
        },
        { text: `Then reference it in the workload: spec.template.spec.imagePullSecrets: [{ name: ${name} }].` },
      ],
      docs: DOCS.pullSecret,
    },
  };
}

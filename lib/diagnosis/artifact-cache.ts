import type { CacheRule, CredentialSet, Registry } from '@azure/arm-containerregistry';
import { parseArmId } from '../azure/arm-id';
import type { Evidence, Fix } from '../model';
import { listRegistries, listSubscriptionIds, registriesKey } from './azure-lookups';
import type { CheckContext } from './check';
import { sh } from './fix-commands';
import { listInEach } from './search-subscriptions';

/**
 * ACR artifact cache (https://learn.microsoft.com/azure/container-registry/artifact-cache-overview):
 * a cache rule maps a target repository (or `prefix/*`) of the registry to an upstream source
 * repository; the first pull of a tag fetches it upstream with the rule's credential set, whose
 * usernames and passwords are Key Vault secrets read by the credential set's managed identity. An
 * Unhealthy credential set (`authCredentials[].credentialHealth`) cannot fetch, so a tag never
 * cached yet is "not found" (https://learn.microsoft.com/azure/container-registry/troubleshoot-artifact-cache).
 */
export interface CacheRuleMatch {
  rule: CacheRule;
  /** The upstream repository the target repository comes from. */
  upstream: string;
  credentialSet?: CredentialSet;
}

/** The registry (found as the registry check finds it: the same cached lists) and the cache rule serving `repository`, if any. */
export async function cacheRuleFor(ctx: CheckContext, loginServer: string, repository: string): Promise<CacheRuleMatch | undefined> {
  const registry = await findRegistry(ctx, loginServer);
  const id = registry?.id ? parseArmId(registry.id) : undefined;
  if (!id) return undefined;
  const client = () => ctx.azure.containerRegistry(id.subscriptionId);
  const rules = await ctx.lookups.get(`LIST ${id.id}/cacheRules`, async (abortSignal) => {
    const out: CacheRule[] = [];
    for await (const r of client().cacheRules.list(id.resourceGroup, id.name, { abortSignal })) out.push(r);
    return out;
  });
  const match = rules.map((rule) => ({ rule, upstream: upstreamOf(rule, repository) })).find((m) => m.upstream);
  if (!match) return undefined;
  const csId = match.rule.credentialSetResourceId ? parseArmId(match.rule.credentialSetResourceId) : undefined;
  const credentialSet = csId
    ? await ctx.lookups.get(`GET ${csId.id}`, (abortSignal) => client().credentialSets.get(id.resourceGroup, id.name, csId.name, { abortSignal }))
    : undefined;
  return { rule: match.rule, upstream: match.upstream!, credentialSet };
}

/** `hub/library/redis` under `hub/library/*` → `docker.io/library/*`: `docker.io/library/redis`. */
export function upstreamOf(rule: Pick<CacheRule, 'sourceRepository' | 'targetRepository'>, repository: string): string | undefined {
  // Stryker disable next-line StringLiteral: a rule without a target repository matches no repository name either way
  const target = rule.targetRepository ?? '';
  const source = rule.sourceRepository ?? '';
  if (target.endsWith('/*') && source.endsWith('/*')) {
    const prefix = target.slice(0, -1);
    return repository.startsWith(prefix) && repository.length > prefix.length ? `${source.slice(0, -1)}${repository.slice(prefix.length)}` : undefined;
  }
  return target === repository ? source : undefined;
}

/** Evidence and fixes for a tag or repository missing behind a cache rule; `unhealthy` when its credential set cannot fetch. */
export function cacheRuleFindings(match: CacheRuleMatch, registryName: string, tag: string | undefined): { unhealthy: boolean; summary: string; evidence: Evidence[]; fixes: Fix[] } {
  const name = match.rule.name ?? 'cache rule';
  const cs = match.credentialSet;
  const bad = (cs?.authCredentials ?? []).filter((c) => c.credentialHealth?.status === 'Unhealthy');
  const evidence: Evidence[] = [
    { fact: `cache rule ${name} serves ${match.rule.targetRepository} from ${match.rule.sourceRepository}${cs ? ` with credential set ${cs.name}` : ' anonymously'}`, source: `ARM ${match.rule.id ?? name}` },
    ...bad.map((c) => ({ fact: `credential set ${cs!.name}: ${c.name ?? 'credential'} is Unhealthy (${[c.credentialHealth?.errorCode, c.credentialHealth?.errorMessage].filter(Boolean).join(': ')})`, source: `ARM ${cs!.id ?? cs!.name}` })),
  ];
  const upstreamRef = `${match.upstream}${tag ? `:${tag}` : ''}`;
  if (bad.length && cs) {
    // Stryker disable next-line Regex,StringLiteral: a Key Vault secret identifier is a URI (https://<vault>.vault.azure.net/secrets/…), so the pattern can only match at its start; an absent one names no vault either way
    const vaults = [...new Set(bad.flatMap((c) => [c.usernameSecretIdentifier, c.passwordSecretIdentifier]).map((u) => /^https:\/\/([^.]+)\.vault\./.exec(u ?? '')?.[1]).filter((v): v is string => !!v))];
    const principal = cs.identity?.principalId;
    const fixes: Fix[] = [];
    for (const vault of vaults) {
      fixes.push({
        text: `Let credential set ${cs.name}'s identity read its secrets in Key Vault ${vault} (Key Vault Secrets User), then check its health again; ACR fetches ${upstreamRef} on the next pull.`,
        command: principal
          ? `az role assignment create --assignee-object-id ${sh(principal)} --assignee-principal-type ServicePrincipal --role 'Key Vault Secrets User' --scope "$(az keyvault show --name ${sh(vault)} --query id -o tsv)"`
          : undefined,
      });
    }
    fixes.push({ text: `Check the credential set (and that the secrets hold a valid ${cs.loginServer ?? 'upstream'} username and token):`, command: `az acr credential-set show --registry ${sh(registryName)} --name ${sh(cs.name ?? '')} --query authCredentials` });
    return { unhealthy: true, summary: `Cache rule ${name}'s credential set ${cs.name} is Unhealthy: ${registryName} cannot fetch ${upstreamRef} upstream`, evidence, fixes };
  }
  return {
    unhealthy: false,
    // Stryker disable next-line StringLiteral: the check keeps its own summary when the credential set is healthy (never read)
    summary: '',
    evidence,
    fixes: [{ text: `${match.rule.targetRepository} is a cache of ${match.rule.sourceRepository}: check that ${upstreamRef} exists upstream (ACR fetches it on the first pull), rather than pushing it to ${registryName}.` }],
  };
}

/** The ACR resource behind a login server, found as the registry check finds it (the same cached lists). */
export async function findRegistry(ctx: CheckContext, loginServer: string): Promise<Registry | undefined> {
  const wanted = loginServer.toLowerCase();
  const subscriptions = await listSubscriptionIds(ctx, ctx.subscriptions);
  const { items } = await listInEach(subscriptions, (s) => listRegistries(ctx, s), registriesKey);
  return items.find((r) => r.loginServer?.toLowerCase() === wanted);
}

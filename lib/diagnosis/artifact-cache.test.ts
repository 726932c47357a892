import type { CacheRule, CredentialSet } from '@azure/arm-containerregistry';
import { presetLookups } from '../../test/helpers/preset-lookups';
import { cacheRuleFindings, cacheRuleFor, upstreamOf, type CacheRuleMatch } from './artifact-cache';
import { registriesKey } from './azure-lookups';
import type { CheckContext } from './check';

// The artifact-cache helper's own table (the repository-tag check calls it; repository-tag-logic.test.ts
// covers how the check uses it): which cache rule serves a repository, and what an unhealthy or healthy
// credential set means for a missing tag. ARM answers are preset per lookup key, in the SDK's shapes
// (https://learn.microsoft.com/rest/api/containerregistry/cache-rules, .../credential-sets).
const REG_ID = '/subscriptions/s/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/myacr';
const CS_ID = `${REG_ID}/credentialSets/hub-creds`;
const RULE: CacheRule = { id: `${REG_ID}/cacheRules/hub`, name: 'hub', sourceRepository: 'docker.io/library/*', targetRepository: 'hub/library/*', credentialSetResourceId: CS_ID };
const CS: CredentialSet = {
  id: CS_ID,
  name: 'hub-creds',
  identity: { principalId: 'abcdef01-0000-4000-8000-000000000001', type: 'SystemAssigned' },
  loginServer: 'docker.io',
  authCredentials: [
    {
      name: 'Credential1',
      usernameSecretIdentifier: 'https://kv-user.vault.azure.net/secrets/user',
      passwordSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/token',
      credentialHealth: { status: 'Unhealthy', errorCode: 'KeyVaultSecretAccessDenied', errorMessage: 'no access' },
    },
    { name: 'Credential2', passwordSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/other', credentialHealth: { status: 'Healthy' } },
  ],
};

describe('cacheRuleFor', () => {
  const OTHER_ID = '/subscriptions/s/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/otheracr';
  async function find(repository: string, rules: CacheRule[], loginServer = 'MyAcr.azurecr.io') {
    const lookups = presetLookups({
      [registriesKey('s')]: [{ id: OTHER_ID, loginServer: 'otheracr.azurecr.io' }, { id: REG_ID, loginServer: 'myacr.azurecr.io' }],
      [`LIST ${OTHER_ID}/cacheRules`]: [{ ...RULE, id: `${OTHER_ID}/cacheRules/hub` }],
      [`LIST ${REG_ID}/cacheRules`]: rules,
      [`GET ${CS_ID}`]: CS,
    });
    const match = await cacheRuleFor({ lookups, subscriptions: ['s'] } as unknown as CheckContext, loginServer, repository);
    return { match, asked: lookups.asked };
  }

  it('finds the rule of the registry with that login server (any case), its upstream and its credential set', async () => {
    expect(await find('hub/library/redis', [RULE])).toEqual({
      match: { rule: RULE, upstream: 'docker.io/library/redis', credentialSet: CS },
      asked: [registriesKey('s'), `LIST ${REG_ID}/cacheRules`, `GET ${CS_ID}`],
    });
  });

  it('reads no credential set for a rule without one (an anonymous upstream)', async () => {
    const anonymous = { ...RULE, credentialSetResourceId: undefined };
    expect(await find('hub/library/redis', [anonymous])).toEqual({
      match: { rule: anonymous, upstream: 'docker.io/library/redis', credentialSet: undefined },
      asked: [registriesKey('s'), `LIST ${REG_ID}/cacheRules`],
    });
  });

  it("reads the rules and the credential set through the registry's own subscription and resource group, with the read's abort signal", async () => {
    // The loaders run here (no preset for their keys) against a hand-built client in the SDK's shape.
    const calls: unknown[][] = [];
    const client = {
      cacheRules: {
        async *list(resourceGroup: string, name: string, options: { abortSignal?: AbortSignal }) {
          calls.push(['cacheRules.list', resourceGroup, name, options.abortSignal instanceof AbortSignal]);
          yield { ...RULE, targetRepository: 'other/*' };
          yield RULE;
        },
      },
      credentialSets: {
        async get(resourceGroup: string, name: string, credentialSet: string, options: { abortSignal?: AbortSignal }) {
          calls.push(['credentialSets.get', resourceGroup, name, credentialSet, options.abortSignal instanceof AbortSignal]);
          return CS;
        },
      },
    };
    const azure = { containerRegistry: (subscription: string) => (calls.push(['containerRegistry', subscription]), client) };
    const lookups = presetLookups({ [registriesKey('s')]: [{ id: REG_ID, loginServer: 'myacr.azurecr.io' }] }, { loadUnlisted: true });
    const match = await cacheRuleFor({ lookups, azure, subscriptions: ['s'] } as unknown as CheckContext, 'myacr.azurecr.io', 'hub/library/redis');
    expect(match).toEqual({ rule: RULE, upstream: 'docker.io/library/redis', credentialSet: CS });
    expect(calls).toEqual([
      ['containerRegistry', 's'],
      ['cacheRules.list', 'rg-acr', 'myacr', true],
      ['containerRegistry', 's'],
      ['credentialSets.get', 'rg-acr', 'myacr', 'hub-creds', true],
    ]);
  });

  it.each<[string, string, CacheRule[], string, string[]]>([
    ['a registry it cannot find', 'hub/library/redis', [RULE], 'nothere.azurecr.io', [registriesKey('s')]],
    ['a repository no rule serves', 'apps/redis', [RULE], 'myacr.azurecr.io', [registriesKey('s'), `LIST ${REG_ID}/cacheRules`]],
    ['a rule without a source repository', 'mirror/nginx', [{ name: 'mirror', targetRepository: 'mirror/nginx' }], 'myacr.azurecr.io', [registriesKey('s'), `LIST ${REG_ID}/cacheRules`]],
  ])('is nothing for %s', async (_what, repository, rules, loginServer, asked) => {
    expect(await find(repository, rules, loginServer)).toEqual({ match: undefined, asked });
  });
});

describe('upstreamOf', () => {
  it.each<[string, string, string, string | undefined]>([
    ['hub/library/*', 'docker.io/library/*', 'hub/library/redis', 'docker.io/library/redis'],
    ['hub/*', 'docker.io/*', 'hub/bitnami/redis', 'docker.io/bitnami/redis'],
    ['hub/library/*', 'docker.io/library/*', 'hub/library/', undefined],
    ['hub/library/*', 'docker.io/library/redis', 'hub/library/redis', undefined],
    ['mirror/nginx', 'docker.io/library/nginx', 'mirror/nginx', 'docker.io/library/nginx'],
    ['mirror/nginx', 'docker.io/library/nginx', 'mirror/nginx2', undefined],
  ])('target %s from %s: %s → %s', (targetRepository, sourceRepository, repository, upstream) => {
    expect(upstreamOf({ targetRepository, sourceRepository }, repository)).toBe(upstream);
  });
});

describe('cacheRuleFindings', () => {
  const match = (over: Partial<CacheRuleMatch> = {}): CacheRuleMatch => ({ rule: RULE, upstream: 'docker.io/library/redis', credentialSet: CS, ...over });

  it('an unhealthy credential set: the failing credential, a Key Vault grant per vault its secrets live in, and the health check', () => {
    expect(cacheRuleFindings(match(), 'myacr', '7.4.1')).toEqual({
      unhealthy: true,
      summary: "Cache rule hub's credential set hub-creds is Unhealthy: myacr cannot fetch docker.io/library/redis:7.4.1 upstream",
      evidence: [
        { fact: 'cache rule hub serves hub/library/* from docker.io/library/* with credential set hub-creds', source: `ARM ${REG_ID}/cacheRules/hub` },
        { fact: 'credential set hub-creds: Credential1 is Unhealthy (KeyVaultSecretAccessDenied: no access)', source: `ARM ${CS_ID}` },
      ],
      fixes: [
        {
          text: "Let credential set hub-creds's identity read its secrets in Key Vault kv-user (Key Vault Secrets User), then check its health again; ACR fetches docker.io/library/redis:7.4.1 on the next pull.",
          command: `az role assignment create --assignee-object-id abcdef01-0000-4000-8000-000000000001 --assignee-principal-type ServicePrincipal --role 'Key Vault Secrets User' --scope "$(az keyvault show --name kv-user --query id -o tsv)"`,
        },
        {
          text: "Let credential set hub-creds's identity read its secrets in Key Vault kv-acr (Key Vault Secrets User), then check its health again; ACR fetches docker.io/library/redis:7.4.1 on the next pull.",
          command: `az role assignment create --assignee-object-id abcdef01-0000-4000-8000-000000000001 --assignee-principal-type ServicePrincipal --role 'Key Vault Secrets User' --scope "$(az keyvault show --name kv-acr --query id -o tsv)"`,
        },
        { text: 'Check the credential set (and that the secrets hold a valid docker.io username and token):', command: 'az acr credential-set show --registry myacr --name hub-creds --query authCredentials' },
      ],
    });
  });

  it('an unhealthy credential set ARM says less about: no tag, no identity, no error message, no credential name, no upstream host', () => {
    const sparse: CredentialSet = {
      id: CS_ID,
      name: 'hub-creds',
      authCredentials: [{ passwordSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/token', credentialHealth: { status: 'Unhealthy', errorCode: 'KeyVaultSecretAccessDenied' } }],
    };
    const findings = cacheRuleFindings(match({ credentialSet: sparse, rule: { ...RULE, name: undefined, id: undefined } }), 'myacr', undefined);
    expect(findings.summary).toBe("Cache rule cache rule's credential set hub-creds is Unhealthy: myacr cannot fetch docker.io/library/redis upstream");
    expect(findings.evidence).toEqual([
      { fact: 'cache rule cache rule serves hub/library/* from docker.io/library/* with credential set hub-creds', source: 'ARM cache rule' },
      { fact: 'credential set hub-creds: credential is Unhealthy (KeyVaultSecretAccessDenied)', source: `ARM ${CS_ID}` },
    ]);
    expect(findings.fixes).toEqual([
      { text: "Let credential set hub-creds's identity read its secrets in Key Vault kv-acr (Key Vault Secrets User), then check its health again; ACR fetches docker.io/library/redis on the next pull.", command: undefined },
      { text: 'Check the credential set (and that the secrets hold a valid upstream username and token):', command: 'az acr credential-set show --registry myacr --name hub-creds --query authCredentials' },
    ]);
  });

  it('an unhealthy credential set without a name: the health check still names one (empty, quoted)', () => {
    const unnamed: CredentialSet = { ...CS, name: undefined };
    expect(cacheRuleFindings(match({ credentialSet: unnamed }), 'myacr', '7.4.1').fixes.at(-1)!.command).toBe("az acr credential-set show --registry myacr --name '' --query authCredentials");
  });

  it('a healthy or absent credential set: the upstream to check instead of a push', () => {
    const healthy = cacheRuleFindings(match({ credentialSet: undefined }), 'myacr', '7.4.1');
    expect(healthy.unhealthy).toBe(false);
    expect(healthy.evidence).toEqual([{ fact: 'cache rule hub serves hub/library/* from docker.io/library/* anonymously', source: `ARM ${REG_ID}/cacheRules/hub` }]);
    expect(healthy.fixes).toEqual([{ text: 'hub/library/* is a cache of docker.io/library/*: check that docker.io/library/redis:7.4.1 exists upstream (ACR fetches it on the first pull), rather than pushing it to myacr.' }]);
    const onlyHealthy = { ...CS, authCredentials: [CS.authCredentials![1]!] };
    expect(cacheRuleFindings(match({ credentialSet: onlyHealthy }), 'myacr', '7.4.1').unhealthy).toBe(false);
  });
});

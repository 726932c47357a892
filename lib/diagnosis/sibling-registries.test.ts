import type { Registry } from '@azure/arm-containerregistry';
import { handBuiltRegistries, type HandBuiltRegistryContent } from '../../test/helpers/hand-built-registry';
import { presetLookups } from '../../test/helpers/preset-lookups';
import type { ImageRef } from '../model';
import type { ManifestFacts } from './facts';
import { registriesKey } from './azure-lookups';
import type { CheckContext } from './check';
import { registriesHolding } from './sibling-registries';

// Which of the tenant's other ACRs are asked for the repository the image's own ACR lacks (the repository-tag check's
// rows cover what it says about them): the near ones first, six at most, each declared to the egress policy first.
// Subscription ids carry hex letters and ARM's mixed case, so a comparison in the wrong case shows.
const CLUSTER_SUB = 'c1c1c1c1-0000-4000-8000-00000000000a';
const REGISTRY_SUB = 'B2B2B2B2-0000-4000-8000-00000000000B';
const FAR_SUB = 'f3f3f3f3-0000-4000-8000-00000000000c';
const HOST = 'myacr.azurecr.io';
const CLUSTER = `/subscriptions/${CLUSTER_SUB}/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks`;
const IMAGE: ImageRef = { original: `${HOST}/app:v1.3`, registry: HOST, repository: 'app', tag: 'v1.3', registryDefaulted: false, tagDefaulted: false };
const MANIFEST: ManifestFacts = { digest: 'sha256:1111111111111111111111111111111111111111111111111111111111111111', mediaType: 'application/vnd.oci.image.manifest.v1+json', platforms: ['linux/amd64'], sizeBytesByPlatform: {} };

const acr = (name: string, sub: string, over: Partial<Registry> = {}): Registry => ({
  id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${name}`,
  name,
  location: 'westeurope',
  sku: { name: 'Premium' },
  loginServer: `${name}.azurecr.io`,
  ...over,
});
const far = (n: number) => acr(`far${n}`, FAR_SUB);

function search(registriesBySubscription: Record<string, Registry[]>, holding: string[], cluster = CLUSTER) {
  const content: Record<string, HandBuiltRegistryContent> = Object.fromEntries(holding.map((host) => [host, { manifests: { 'app:v1.3': MANIFEST } }]));
  const registries = handBuiltRegistries(content);
  const declared: unknown[] = [];
  const lookups = presetLookups(Object.fromEntries(Object.entries(registriesBySubscription).map(([sub, list]) => [registriesKey(sub), list])), { loadUnlisted: true });
  const ctx = {
    subscriptions: Object.keys(registriesBySubscription),
    failure: { image: IMAGE.original, source: 'alert', cluster },
    lookups,
    registries: { forHost: registries.forHost, alsoFoundByArm: (registry: unknown) => declared.push(registry) },
  } as unknown as CheckContext;
  return { found: registriesHolding(ctx, IMAGE, HOST, 'v1.3'), declared, asked: lookups.asked, calls: registries.calls };
}

describe('registriesHolding', () => {
  it("asks the registries of the cluster's and the image registry's subscriptions first, six at most, never the image's own", async () => {
    // The far subscription is listed first; the image's own registry (another case) is in a subscription of its own.
    const own = acr('MyAcr', REGISTRY_SUB, { loginServer: 'MyAcr.azurecr.io' });
    const near = acr('near1', REGISTRY_SUB.toLowerCase(), { dataEndpointHostNames: ['near1.westeurope.data.azurecr.io'] });
    const { found, declared, asked, calls } = search({ [FAR_SUB]: [1, 2, 3, 4, 5, 6, 7].map(far), [REGISTRY_SUB]: [own, near] }, ['near1.azurecr.io', 'far7.azurecr.io']);
    expect(await found).toEqual(['near1.azurecr.io']);
    expect(declared).toEqual([
      { loginServer: 'near1.azurecr.io', dataEndpointHostNames: ['near1.westeurope.data.azurecr.io'] },
      ...[1, 2, 3, 4, 5].map((n) => ({ loginServer: `far${n}.azurecr.io`, dataEndpointHostNames: [] })),
    ]);
    expect(asked.filter((key) => key.startsWith('registry '))).toEqual(['near1', 'far1', 'far2', 'far3', 'far4', 'far5'].map((name) => `registry ${name}.azurecr.io manifest app:v1.3`));
    expect(calls.every((call) => call.signal)).toBe(true);
  });

  it("ranks the cluster's subscription near too, in either case", async () => {
    const { found } = search({ [FAR_SUB]: [1, 2, 3, 4, 5, 6].map(far), [CLUSTER_SUB]: [acr('near2', CLUSTER_SUB.toUpperCase())] }, ['near2.azurecr.io']);
    expect(await found).toEqual(['near2.azurecr.io']);
  });

  it('searches in list order when neither the cluster nor the image registry can be placed', async () => {
    const odd = acr('odd', FAR_SUB, { id: 'not-an-arm-id' });
    const { found } = search({ [FAR_SUB]: [far(1), odd] }, ['odd.azurecr.io', 'far1.azurecr.io'], 'aks');
    expect(await found).toEqual(['far1.azurecr.io', 'odd.azurecr.io']);
  });

  it('finds nothing when the registry lists cannot be read', async () => {
    const lookups = presetLookups({ [registriesKey(FAR_SUB)]: new Error('throttled') });
    const ctx = { subscriptions: [FAR_SUB], failure: { cluster: CLUSTER }, lookups, registries: handBuiltRegistries({}) } as unknown as CheckContext;
    await expect(registriesHolding(ctx, IMAGE, HOST, 'v1.3')).resolves.toEqual([]);
  });
});

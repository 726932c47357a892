import { presetLookups } from '../../../test/helpers/preset-lookups';
import { upstreamOf } from '../artifact-cache';
import { registriesKey } from '../azure-lookups';
import type { PreviousImageAnswer } from '../../logs/previous-image';
import type { ImageRef, PullFailure } from '../../model';
import { handBuiltRegistries, type HandBuiltRegistryContent } from '../../../test/helpers/hand-built-registry';
import { RegistryError, type RegistryTag } from '../../registry/registry-client';
import type { CheckContext } from '../check';
import type { ManifestFacts } from '../facts';
import { DOCS } from './docs';
import { closestNames, repositoryTagCheck } from './repository-tag';

// The repository-tag check's decisions on what the registry answers (the sandbox worlds in
// repository-tag.test.ts cover the wire): a reference that resolves, a missing repository, tag or
// digest, the suggestions (the tag it ran before, the closest, the newest) and the exact commands.
// Registry reads go through ctx.lookups (keys recorded) to a hand-built RegistryAccess, the port the
// check reads registries through.
const HOST = 'myacr.azurecr.io';
const MANIFEST = (reference: string, repository = 'app') => `registry ${HOST} manifest ${repository}:${reference}`;
const TAGS = `registry ${HOST} tags app`;
const CATALOG = `registry ${HOST} catalog`;
const DIGEST = 'sha256:5d1b2c0a00000000000000000000000000000000000000000000000000000000';
const NOW_DIGEST = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';

const image = (over: Partial<ImageRef> = {}): ImageRef => ({
  original: `${HOST}/app:v1.3`,
  registry: HOST,
  repository: 'app',
  tag: 'v1.3',
  registryDefaulted: false,
  tagDefaulted: false,
  acr: { registryName: 'myacr', cloud: 'AzureCloud', kind: 'login', loginServer: HOST },
  ...over,
});
const manifest = (digest = NOW_DIGEST, platforms = ['linux/amd64', 'linux/arm64']): ManifestFacts => ({ digest, mediaType: 'application/vnd.oci.image.index.v1+json', platforms, sizeBytesByPlatform: {} });
const manifestUnknown = () => new RegistryError('manifest unknown', 404, 'MANIFEST_UNKNOWN');
const nameUnknown = () => new RegistryError('repository name not known to registry', 404, 'NAME_UNKNOWN');
const WEB: Partial<PullFailure> = { namespace: 'shop', container: 'web', controller: 'ReplicaSet/web-5f6d7c8b9a' };

interface Setup {
  image?: ImageRef;
  failure?: Partial<PullFailure>;
  answers: Record<string, unknown>;
  deleted?: Array<{ tag: string; deletedAt: string }>;
  previous?: PreviousImageAnswer;
  /** ARM answers (cache rules), keyed as the lookups key them. */
  arm?: Record<string, unknown>;
}
/** The registry reads the test answers, keyed as the check keys its lookups, turned into what the hand-built registry holds. *//** The registry search a missing tag or repository makes to find the ACR's cache rules (artifact-cache.ts). */
const REGISTRIES = registriesKey('s');

function registryContent(answers: Record<string, unknown>): Record<string, HandBuiltRegistryContent> {
  const content: Record<string, HandBuiltRegistryContent> = {};
  for (const [key, value] of Object.entries(answers)) {
    const m = /^registry (\S+) (manifest|tags|catalog)(?: (.+))?$/.exec(key);
    if (!m) throw new Error(`not a registry read: ${key}`);
    const [, host, what, target] = m;
    const c = (content[host!] ??= {});
    if (what === 'catalog') c.catalog = value as string[];
    else if (what === 'tags') (c.tags ??= {})[target!] = value as RegistryTag[];
    else (c.manifests ??= {})[target!] = value as ManifestFacts;
  }
  return content;
}

async function run({ image: img = image(), failure = {}, answers, deleted, previous, arm = {} }: Setup) {
  // Every read runs its loader against the hand-built registry; `asked` pins the keys the check shares with others.
  // ARM: the registry search the cache-rule look-up shares with the registry check finds no registry here.
  const lookups = presetLookups({ [registriesKey('s')]: [], ...arm }, { loadUnlisted: true });
  const registries = handBuiltRegistries(registryContent(answers));
  const deletedAsked: string[] = [];
  const previousAsked: unknown[] = [];
  const ctx = {
    facts: { image: img },
    subscriptions: ['s'],
    failure: { image: img.original, source: 'alert', cluster: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', ...failure },
    registries,
    lookups,
    deletedTags: deleted
      ? async (host: string, repository: string) => {
          deletedAsked.push(`${host} ${repository}`);
          return deleted;
        }
      : undefined,
    previousImage: previous
      ? async (request: unknown) => {
          previousAsked.push(request);
          return previous;
        }
      : undefined,
  } as unknown as CheckContext;
  const outcome = await repositoryTagCheck.run(ctx);
  return { ...outcome, asked: lookups.asked, hosts: registries.hosts, calls: registries.calls, deletedAsked, previousAsked };
}
const previousKey = (failure: Partial<PullFailure>, tag = 'v1.3') =>
  `logs previous image ${failure.cluster ?? '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks'} ${failure.namespace ?? ''} ${failure.controller ?? ''} ${HOST}/app:${tag} ${failure.firstSeen ?? failure.lastSeen ?? ''}`;
const NOT_CONFIGURED = { fact: 'the tag the workload ran before could not be read: Container insights is not configured for this run', source: 'Container insights' };

describe('repository-tag check: the reference resolves', () => {
  it('needs the image and provides the manifest', () => {
    const { id, title, needs, provides } = repositoryTagCheck;
    expect({ id, title, needs, provides }).toEqual({ id: 'repository-tag', title: 'repository and tag', needs: ['image'], provides: ['manifest'] });
  });

  it('passes with the digest and platforms it resolves to, and hands the manifest on', async () => {
    const { finding, facts, asked, hosts, calls } = await run({ image: image({ tag: 'v1.2' }), answers: { [MANIFEST('v1.2')]: manifest() } });
    expect(calls).toEqual([{ host: HOST, call: 'resolve app:v1.2', signal: true }]);
    expect(finding).toEqual({ status: 'pass', summary: `${HOST}/app:v1.2 exists in ${HOST}`, evidence: [{ fact: `app:v1.2 resolves to ${NOW_DIGEST} (linux/amd64, linux/arm64)`, source: `registry ${HOST}` }], fixes: [] });
    expect(facts).toEqual({ manifest: manifest() });
    expect(asked).toEqual([MANIFEST('v1.2')]);
    expect(hosts).toEqual([HOST]);
  });

  it.each<[string, Partial<ImageRef>, string, string]>([
    ['a digest, which wins over the tag', { tag: 'v1.2', digest: DIGEST }, DIGEST, `app:v1.2@${DIGEST}`],
    ['a digest alone', { tag: undefined, digest: DIGEST }, DIGEST, `app@${DIGEST}`],
    ['neither (latest)', { tag: undefined }, 'latest', 'app'],
  ])('reads %s', async (_what, over, reference, written) => {
    const { finding } = await run({ image: image(over), answers: { [MANIFEST(reference)]: manifest() } });
    expect(finding.evidence[0]!.fact).toBe(`${written} resolves to ${NOW_DIGEST} (linux/amd64, linux/arm64)`);
  });

  it('reads a registry that is not an ACR at its own host', async () => {
    const docker: ImageRef = { original: 'nginx:1.27', registry: 'docker.io', repository: 'library/nginx', tag: '1.27', registryDefaulted: true, tagDefaulted: false };
    const { finding, hosts } = await run({ image: docker, answers: { 'registry docker.io manifest library/nginx:1.27': manifest() } });
    expect(hosts).toEqual(['docker.io']);
    expect(finding).toMatchObject({ status: 'pass', summary: 'docker.io/library/nginx:1.27 exists in docker.io', evidence: [{ source: 'registry docker.io' }] });
  });

  it('says when the tag was deleted and pushed again since', async () => {
    const deleted = [
      { tag: 'v1.1', deletedAt: '2026-11-01T00:00:00Z' },
      { tag: 'v1.2', deletedAt: '2026-11-02T00:00:00Z' },
    ];
    const { finding, deletedAsked } = await run({ image: image({ tag: 'v1.2' }), answers: { [MANIFEST('v1.2')]: manifest() }, deleted });
    expect(deletedAsked).toEqual([`${HOST} app`]);
    expect(finding.evidence[1]).toEqual({ fact: 'tag v1.2 was deleted at 2026-11-02T00:00:00Z and has been pushed again since', source: 'ACR ImageDeleted event' });
    expect(finding.evidence).toHaveLength(2);
  });

  it('asks about deletions only for a tag, and adds nothing when the tag was never deleted', async () => {
    const byDigest = await run({ image: image({ tag: undefined, digest: DIGEST }), answers: { [MANIFEST(DIGEST)]: manifest() }, deleted: [] });
    expect(byDigest.deletedAsked).toEqual([]);
    const neverDeleted = await run({ image: image({ tag: 'v1.2' }), answers: { [MANIFEST('v1.2')]: manifest() }, deleted: [{ tag: 'v1.1', deletedAt: '2026-11-01T00:00:00Z' }] });
    expect(neverDeleted.finding.evidence).toHaveLength(1);
  });

  it.each<[string, Error]>([
    ['an error that is not the registry\'s', new Error('socket hang up')],
    ['a registry refusal', new RegistryError('unauthorized', 401, 'UNAUTHORIZED')],
    ['a bare 404 (no registry code: a proxy, a wrong endpoint)', new RegistryError('not found', 404)],
    ['an error that only looks like the registry\'s (its code is not the registry\'s word)', Object.assign(new Error('manifest unknown'), { code: 'MANIFEST_UNKNOWN' })],
  ])('lets %s through to the engine', async (_what, error) => {
    await expect(run({ answers: { [MANIFEST('v1.3')]: error } })).rejects.toBe(error);
  });
});

describe('repository-tag check: a missing repository', () => {
  it('suggests the closest repository, with the command that points the workload at it', async () => {
    const { finding, facts, asked, calls } = await run({
      image: image({ repository: 'paymnets', tag: 'v1' }),
      failure: WEB,
      answers: { [MANIFEST('v1', 'paymnets')]: nameUnknown(), [CATALOG]: ['orders', 'payments', 'payment', 'paymnets-old', 'billing'] },
    });
    expect(facts).toBeUndefined();
    // The registry list is read for the sibling search and for the cache rules (one cached read, asked twice).
    expect(asked).toEqual([MANIFEST('v1', 'paymnets'), CATALOG, REGISTRIES, REGISTRIES]);
    expect(calls[1]).toEqual({ host: HOST, call: 'listRepositories', signal: true });
    expect(finding).toEqual({
      status: 'fail',
      summary: `Repository paymnets does not exist in ${HOST} (did you mean payments?)`,
      evidence: [
        { fact: `${HOST} has no repository paymnets (5 repositories)`, source: `registry ${HOST} _catalog` },
        { fact: 'closest repositories: payments, payment', source: 'edit distance' },
      ],
      fixes: [{ text: 'Did you mean payments? Point the workload at it.', command: `kubectl set image deployment/web web=${HOST}/payments:v1 -n shop` }],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  // nimbus-asr-server-image-in-other-registry: the image was addressed to the wrong one of the tenant's registries.
  describe('the repository is in another registry of the tenant', () => {
    const acr = (name: string, sub = 's') => ({ id: `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/${name}`, name, loginServer: `${name}.azurecr.io` });
    const arm = { [REGISTRIES]: [acr('myacr'), acr('emptyacr'), acr('modelsacr'), { id: 'x', name: 'nologin' }], [`LIST ${acr('myacr').id}/cacheRules`]: [] };
    it('names the registry that holds the same repository and tag, and points the workload there before any push', async () => {
      const { finding, hosts } = await run({
        failure: WEB,
        arm,
        answers: { [MANIFEST('v1.3')]: nameUnknown(), [CATALOG]: ['ap'], 'registry emptyacr.azurecr.io manifest app:v1.3': nameUnknown(), 'registry modelsacr.azurecr.io manifest app:v1.3': manifest() },
      });
      expect(hosts).toEqual(expect.arrayContaining(['emptyacr.azurecr.io', 'modelsacr.azurecr.io']));
      expect(finding).toEqual({
        status: 'fail',
        summary: `Repository app does not exist in ${HOST}; it is in modelsacr.azurecr.io`,
        evidence: [
          { fact: `${HOST} has no repository app (1 repositories)`, source: `registry ${HOST} _catalog` },
          { fact: 'modelsacr.azurecr.io has app:v1.3', source: 'registry modelsacr.azurecr.io (found through ARM)' },
          { fact: 'closest repositories: ap', source: 'edit distance' },
        ],
        fixes: [
          {
            text: 'The image is in modelsacr.azurecr.io, another registry of yours: point the workload at modelsacr.azurecr.io/app:v1.3 (the kubelet identity must be able to pull from modelsacr.azurecr.io).',
            command: 'kubectl set image deployment/web web=modelsacr.azurecr.io/app:v1.3 -n shop',
          },
          { text: `Or push the image to ${HOST}/app (e.g. az acr import --name myacr --source modelsacr.azurecr.io/app:v1.3).` },
        ],
        docs: DOCS.cannotPullFromAcr,
      });
    });

    it.each<[string, Partial<ImageRef>, string, string, string]>([
      ['a tag', {}, 'v1.3', 'app:v1.3', 'app:v1.3'],
      ['no tag (latest), keeping the image as written', { tag: undefined, original: `${HOST}/app` }, 'latest', 'app:latest', 'app'],
      ['a digest', { tag: undefined, digest: DIGEST, original: `${HOST}/app@${DIGEST}` }, DIGEST, `app@${DIGEST}`, `app@${DIGEST}`],
    ])('looks for %s there; without a workload to set, writes the image to use', async (_what, over, reference, named, written) => {
      const { finding, asked } = await run({
        image: image(over),
        arm,
        answers: { [MANIFEST(reference)]: nameUnknown(), [CATALOG]: [], [`registry emptyacr.azurecr.io manifest app:${reference}`]: nameUnknown(), [`registry modelsacr.azurecr.io manifest app:${reference}`]: manifest() },
      });
      expect(asked).toContain(`registry modelsacr.azurecr.io manifest app:${reference}`);
      expect(finding.evidence[1]).toEqual({ fact: `modelsacr.azurecr.io has ${named}`, source: 'registry modelsacr.azurecr.io (found through ARM)' });
      expect(finding.fixes[0]!.command).toBe(`# image: modelsacr.azurecr.io/${written}`);
    });

    it.each<[string, Setup]>([
      ['no other registry holds it', { arm, answers: { [MANIFEST('v1.3')]: nameUnknown(), [CATALOG]: [], 'registry emptyacr.azurecr.io manifest app:v1.3': nameUnknown(), 'registry modelsacr.azurecr.io manifest app:v1.3': manifestUnknown() } }],
      ['the registry list cannot be read', { arm: { [REGISTRIES]: new Error('throttled') }, answers: { [MANIFEST('v1.3')]: nameUnknown(), [CATALOG]: [] } }],
      ['the image is not on an ACR (no search)', { image: image({ registry: 'docker.io', acr: undefined }), arm, answers: { 'registry docker.io manifest app:v1.3': nameUnknown(), 'registry docker.io catalog': [] } }],
    ])('keeps the push advice when %s', async (_what, setup) => {
      const { finding } = await run(setup);
      expect(finding.fixes.map((f) => f.text)).toEqual([expect.stringMatching(/^Push the image to /)]);
    });
  });

  it('without a workload to set, writes the image to use', async () => {
    const { finding } = await run({ image: image({ repository: 'paymnets', tag: 'v1' }), answers: { [MANIFEST('v1', 'paymnets')]: nameUnknown(), [CATALOG]: ['payments'] } });
    expect(finding.fixes).toEqual([{ text: 'Did you mean payments? Point the workload at it.', command: `# image: ${HOST}/payments:v1` }]);
  });

  it('with nothing close, asks to push or fix the name', async () => {
    const { finding } = await run({ answers: { [MANIFEST('v1.3')]: nameUnknown(), [CATALOG]: ['billing', 'orders'] } });
    expect(finding).toEqual({
      status: 'fail',
      summary: `Repository app does not exist in ${HOST}`,
      evidence: [{ fact: `${HOST} has no repository app (2 repositories)`, source: `registry ${HOST} _catalog` }],
      fixes: [{ text: `Push the image to ${HOST}/app, or fix the repository name in the pod spec.` }],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  it('is also what a distribution registry means by MANIFEST_UNKNOWN when the tag list then says NAME_UNKNOWN', async () => {
    const { finding } = await run({ answers: { [MANIFEST('v1.3')]: manifestUnknown(), [TAGS]: nameUnknown(), [CATALOG]: [] } });
    expect(finding.summary).toBe(`Repository app does not exist in ${HOST}`);
  });

  it('lets any other failure of the tag list through', async () => {
    const error = new RegistryError('denied', 403, 'DENIED');
    await expect(run({ answers: { [MANIFEST('v1.3')]: manifestUnknown(), [TAGS]: error } })).rejects.toBe(error);
  });
});

describe('repository-tag check: a missing tag', () => {
  const tagList = (...names: string[]): RegistryTag[] => names.map((name) => ({ name }));

  it.each(['MANIFEST_UNKNOWN', 'TAG_UNKNOWN'])('%s: the closest and newest tags, a set-image to the closest and the push', async (code) => {
    const { finding, facts } = await run({
      failure: WEB,
      answers: { [MANIFEST('v1.3')]: new RegistryError('unknown', 404, code), [TAGS]: tagList('v1.2', '1.3', 'v1.4', 'latest', 'v2.0') },
    });
    expect(facts).toBeUndefined();
    expect(finding).toEqual({
      status: 'fail',
      // 1.3 differs from v1.3 only by the leading v: the tag that was meant, said as such (not "closest").
      summary: `Tag v1.3 does not exist in ${HOST}/app (1.3 does)`,
      evidence: [
        { fact: 'app has 5 tag(s); v1.3 is not one of them', source: `registry ${HOST} tags/list` },
        NOT_CONFIGURED,
        { fact: 'closest tags: 1.3, v1.4, v1.2', source: 'edit distance, then newest version' },
        { fact: 'newest tags: v2.0, v1.4, 1.3', source: 'version order' },
        { fact: '1.3 exists and differs from v1.3 only by a leading "v" or letter case', source: `registry ${HOST} tags/list` },
      ],
      fixes: [
        { text: 'Point the workload at 1.3, the tag v1.3 was meant to be, and fix the chart or template that writes the tag.', command: `kubectl set image deployment/web web=${HOST}/app:1.3 -n shop` },
        { text: 'Or push the missing tag (the build pipeline may have failed or pushed elsewhere).', command: 'az acr build --registry myacr --image app:v1.3 .' },
      ],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  it('a tag asked with a "v" the pipeline never writes comes before the rollback; without such a twin, nothing is said', async () => {
    const tags: RegistryTag[] = [{ name: '3.7.2', lastUpdatedOn: '2026-11-02T14:00:00Z' }, { name: '3.8.0', lastUpdatedOn: '2026-11-24T16:20:00Z' }];
    const { finding } = await run({ failure: WEB, image: image({ tag: 'v3.8.0' }), answers: { [MANIFEST('v3.8.0')]: manifestUnknown(), [TAGS]: tags } });
    expect(finding.summary).toBe(`Tag v3.8.0 does not exist in ${HOST}/app (3.8.0 does)`);
    expect(finding.evidence).toContainEqual({ fact: '3.8.0 (pushed 2026-11-24T16:20:00Z) exists and differs from v3.8.0 only by a leading "v" or letter case', source: `registry ${HOST} tag properties` });
    expect(finding.fixes[0]).toEqual({ text: 'Point the workload at 3.8.0, the tag v3.8.0 was meant to be, and fix the chart or template that writes the tag.', command: `kubectl set image deployment/web web=${HOST}/app:3.8.0 -n shop` });
    const other = await run({ failure: WEB, image: image({ tag: 'v3.9.0' }), answers: { [MANIFEST('v3.9.0')]: manifestUnknown(), [TAGS]: tags } });
    expect(other.finding.evidence.map((e) => e.fact).join('\n')).not.toContain('letter case');
  });

  it('with push times (ACR), says so and shows them', async () => {
    const tags: RegistryTag[] = [
      { name: 'main-5d0c2e9', lastUpdatedOn: '2026-03-04T11:20:00Z' },
      { name: 'main-5d0c2e1', lastUpdatedOn: '2026-11-24T22:10:00Z' },
      { name: 'release' },
    ];
    const { finding } = await run({ image: image({ tag: 'main-5d0c2e8' }), answers: { [MANIFEST('main-5d0c2e8')]: manifestUnknown(), [TAGS]: tags } });
    expect(finding.summary).toBe(`Tag main-5d0c2e8 does not exist in ${HOST}/app (closest: main-5d0c2e1)`);
    expect(finding.evidence).toEqual([
      { fact: 'app has 3 tag(s); main-5d0c2e8 is not one of them', source: `registry ${HOST} tag properties` },
      NOT_CONFIGURED,
      { fact: 'closest tags: main-5d0c2e1 (pushed 2026-11-24T22:10:00Z), main-5d0c2e9 (pushed 2026-03-04T11:20:00Z)', source: 'edit distance, then newest push' },
      { fact: 'newest tags: main-5d0c2e1 (pushed 2026-11-24T22:10:00Z), main-5d0c2e9 (pushed 2026-03-04T11:20:00Z)', source: 'push time' },
    ]);
    expect(finding.fixes[0]).toEqual({ text: 'Point the workload at an existing tag such as main-5d0c2e1.', command: `# image: ${HOST}/app:main-5d0c2e1` });
  });

  it('with nothing close, suggests the newest tag; with no tags at all, only the push', async () => {
    const far = await run({ image: image({ tag: 'release-candidate' }), answers: { [MANIFEST('release-candidate')]: manifestUnknown(), [TAGS]: tagList('v1', 'v2') } });
    expect(far.finding.summary).toBe(`Tag release-candidate does not exist in ${HOST}/app (closest: v2)`);
    expect(far.finding.evidence.map((e) => e.fact)).toEqual(['app has 2 tag(s); release-candidate is not one of them', NOT_CONFIGURED.fact, 'newest tags: v2, v1']);
    const none = await run({ answers: { [MANIFEST('v1.3')]: manifestUnknown(), [TAGS]: [] } });
    expect(none.finding.summary).toBe(`Tag v1.3 does not exist in ${HOST}/app`);
    expect(none.finding.evidence.map((e) => e.fact)).toEqual(['app has 0 tag(s); v1.3 is not one of them', NOT_CONFIGURED.fact]);
    expect(none.finding.fixes).toEqual([{ text: 'Or push the missing tag (the build pipeline may have failed or pushed elsewhere).', command: 'az acr build --registry myacr --image app:v1.3 .' }]);
  });

  it('for a registry that is not an ACR, suggests no az acr build; without a tag it looked for latest and only the newest tags count', async () => {
    const docker: ImageRef = { original: 'fabrikam/app', registry: 'docker.io', repository: 'fabrikam/app', registryDefaulted: true, tagDefaulted: true };
    const { finding } = await run({
      image: docker,
      answers: { 'registry docker.io manifest fabrikam/app:latest': manifestUnknown(), 'registry docker.io tags fabrikam/app': tagList('lates', '1.0') },
    });
    expect(finding.summary).toBe('Tag latest does not exist in docker.io/fabrikam/app (closest: 1.0)');
    expect(finding.evidence[0]!.fact).toBe('fabrikam/app has 2 tag(s); latest is not one of them');
    expect(finding.evidence.slice(2)).toEqual([{ fact: 'newest tags: 1.0', source: 'version order' }]);
    expect(finding.fixes).toEqual([{ text: 'Point the workload at an existing tag such as 1.0.', command: '# image: docker.io/fabrikam/app:1.0' }]);
  });

  it('an ACR reference without a tag pushes the reference it looked for', async () => {
    const { finding } = await run({ image: image({ tag: undefined }), answers: { [MANIFEST('latest')]: manifestUnknown(), [TAGS]: [] } });
    expect(finding.fixes).toEqual([{ text: 'Or push the missing tag (the build pipeline may have failed or pushed elsewhere).', command: 'az acr build --registry myacr --image app:latest .' }]);
  });

  it('says when the tag was deleted', async () => {
    // Another tag's deletion, listed first, is not this tag's.
    const deleted = [
      { tag: 'v1.1', deletedAt: '2026-11-01T00:00:00Z' },
      { tag: 'v1.3', deletedAt: '2026-11-30T08:00:00Z' },
    ];
    const { finding, deletedAsked } = await run({ answers: { [MANIFEST('v1.3')]: manifestUnknown(), [TAGS]: tagList('v1.2') }, deleted });
    expect(deletedAsked).toEqual([`${HOST} app`]);
    expect(finding.evidence[1]).toEqual({ fact: 'tag v1.3 was deleted at 2026-11-30T08:00:00Z', source: 'ACR ImageDeleted event' });
  });

  describe('the tag the workload ran before', () => {
    const ranBefore = (tag: string): PreviousImageAnswer => ({ found: { tag, pods: 3, lastRunning: '2026-12-06T10:00:00Z', controller: 'web-4a5b6c7d8e' }, workload: 'Deployment/web', source: 'Container insights (KubePodInventory, ContainerInventory)' });
    const answers = () => ({ [MANIFEST('v1.3')]: manifestUnknown(), [TAGS]: tagList('v1.2', 'v1.4', 'v1.7') });

    it('comes first: a rollback, then setting it back, then the push', async () => {
      const failure = { ...WEB, firstSeen: '2026-12-06T10:05:00Z' };
      const { finding, asked, previousAsked } = await run({ failure, previous: ranBefore('v1.7'), answers: answers() });
      expect(asked).toEqual([MANIFEST('v1.3'), previousKey(failure), TAGS, REGISTRIES]);
      expect(previousAsked).toEqual([{ failure: { image: `${HOST}/app:v1.3`, source: 'alert', cluster: expect.any(String), ...failure }, registry: HOST, repository: 'app', failingTag: 'v1.3' }]);
      expect(finding.summary).toBe(`Tag v1.3 does not exist in ${HOST}/app (ran before: v1.7)`);
      expect(finding.evidence[1]).toEqual({ fact: 'Deployment/web ran app:v1.7 before (3 pod(s) of ReplicaSet web-4a5b6c7d8e, last seen running 2026-12-06T10:00:00Z)', source: 'Container insights (KubePodInventory, ContainerInventory)' });
      expect(finding.evidence[2]!.fact).toBe('closest tags: v1.7, v1.4, v1.2');
      expect(finding.fixes).toEqual([
        { text: `The workload ran ${HOST}/app:v1.7 before: roll back to the previous revision.`, command: 'kubectl rollout undo deployment/web -n shop' },
        { text: 'Or set the image back to v1.7, the tag it ran before (or another existing tag).', command: `kubectl set image deployment/web web=${HOST}/app:v1.7 -n shop` },
        { text: 'Or push the missing tag (the build pipeline may have failed or pushed elsewhere).', command: 'az acr build --registry myacr --image app:v1.3 .' },
      ]);
    });

    it('ranks first among the closest tags even where edit distance and version would rank it last', async () => {
      const { finding } = await run({ failure: WEB, previous: ranBefore('v1.2'), answers: answers() });
      expect(finding.evidence[2]!.fact).toBe('closest tags: v1.2, v1.7, v1.4');
    });

    it('without a rollback (a preflight), says "Set" rather than "Or set"', async () => {
      const failure = { ...WEB, source: 'preflight' as const };
      const { finding } = await run({ failure, previous: ranBefore('v1.7'), answers: answers() });
      expect(finding.fixes[0]!.text).toBe('Set the image back to v1.7, the tag it ran before (or another existing tag).');
    });

    it('a previous tag that is gone is evidence, not a suggestion', async () => {
      const { finding } = await run({ failure: WEB, previous: ranBefore('v1.1'), answers: answers() });
      expect(finding.summary).toBe(`Tag v1.3 does not exist in ${HOST}/app (closest: v1.7)`);
      expect(finding.evidence[1]!.fact).toMatch(/ran app:v1\.1 before .*, but v1\.1 is no longer in the registry$/);
    });

    it('an impact check (the workload runs the tag now) asks nothing about it', async () => {
      const failure = { ...WEB, source: 'change' as const };
      const { finding, asked } = await run({ failure, previous: ranBefore('v1.7'), answers: answers() });
      expect(asked).toEqual([MANIFEST('v1.3'), TAGS, REGISTRIES]);
      expect(finding.evidence.map((e) => e.fact)).toEqual(['app has 3 tag(s); v1.3 is not one of them', 'closest tags: v1.7, v1.4, v1.2', 'newest tags: v1.7, v1.4, v1.2']);
    });
  });
});

describe('repository-tag check: a missing digest', () => {
  const tags: RegistryTag[] = [{ name: 'v1.2' }, { name: 'v1.10' }, { name: 'latest' }];

  it('pins the digest the reference\'s own tag points at now, or the tag itself', async () => {
    const { finding, asked, calls } = await run({
      image: image({ tag: 'v1.2', digest: DIGEST }),
      failure: WEB,
      // What the workload ran before is no fix for a digest: it is not even asked.
      previous: { found: { tag: 'v1.1', pods: 1, lastRunning: '2026-12-06T10:00:00Z' }, workload: 'Deployment/web', source: 'Container insights' },
      answers: { [MANIFEST(DIGEST)]: manifestUnknown(), [TAGS]: tags, [MANIFEST('v1.2')]: manifest() },
      deleted: [],
    });
    // The registry search (shared with the registry check) looks for a retention policy that explains the loss.
    expect(asked).toEqual([MANIFEST(DIGEST), TAGS, MANIFEST('v1.2'), REGISTRIES]);
    expect(calls.map((c) => `${c.call} ${c.signal}`)).toEqual([`resolve app:${DIGEST} true`, 'listTags app true', 'resolve app:v1.2 true']);
    expect(finding).toEqual({
      status: 'fail',
      summary: `Digest ${DIGEST} does not exist in ${HOST}/app (v1.2 is an existing tag)`,
      evidence: [
        { fact: `app (3 tag(s)) has no manifest ${DIGEST}`, source: `registry ${HOST} tags/list` },
        { fact: `app:v1.2 points at ${NOW_DIGEST}`, source: `registry ${HOST}` },
      ],
      fixes: [
        { text: 'Pin an existing digest: the one the tag v1.2 in the reference points at now.', command: `kubectl set image deployment/web web=${HOST}/app@${NOW_DIGEST} -n shop` },
        { text: 'Or use the tag v1.2 itself (it follows new pushes).', command: `kubectl set image deployment/web web=${HOST}/app:v1.2 -n shop` },
      ],
      docs: DOCS.cannotPullFromAcr,
    });
  });

  it("otherwise the newest tag's digest", async () => {
    const { finding } = await run({ image: image({ tag: 'v9', digest: DIGEST }), answers: { [MANIFEST(DIGEST)]: manifestUnknown(), [TAGS]: tags, [MANIFEST('v1.10')]: manifest() } });
    expect(finding.summary).toBe(`Digest ${DIGEST} does not exist in ${HOST}/app (v1.10 is an existing tag)`);
    expect(finding.fixes).toEqual([
      { text: "Pin an existing digest: the newest tag v1.10's.", command: `# image: ${HOST}/app@${NOW_DIGEST}` },
      { text: 'Or use the tag v1.10 itself (it follows new pushes).', command: `# image: ${HOST}/app:v1.10` },
    ]);
  });

  // ACR's retention policy deletes untagged manifests N days after they lose their last tag
  // (https://learn.microsoft.com/azure/container-registry/container-registry-retention-policy): say so, and lock the pin.
  describe('on a registry with a retention policy for untagged manifests', () => {
    const ACR_ID = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/myacr';
    const withPolicy = (retentionPolicy: unknown) => ({ [REGISTRIES]: [{ id: ACR_ID, name: 'myacr', loginServer: HOST, policies: { retentionPolicy } }] });
    const pinned = (retentionPolicy: unknown, img = image({ tag: 'v1.2', digest: DIGEST })) =>
      run({ image: img, failure: WEB, answers: { [MANIFEST(DIGEST)]: manifestUnknown(), [TAGS]: tags, [MANIFEST('v1.2')]: manifest(), [MANIFEST('v1.10')]: manifest() }, arm: withPolicy(retentionPolicy) });

    it('explains the loss and locks the digest it pins', async () => {
      const { finding } = await pinned({ days: 7, status: 'enabled' });
      expect(finding.evidence.at(-1)).toEqual({
        fact: 'myacr has a retention policy for untagged manifests: they are deleted 7 day(s) after they lose their last tag (re-pushing a tag untags the digest it pointed at)',
        source: `ARM ${ACR_ID} policies.retentionPolicy`,
      });
      expect(finding.fixes.at(-1)).toEqual({
        text: "myacr's retention policy deletes untagged manifests after 7 day(s): pin digests whose tag is never re-pushed, or lock the digest you pin so the retention policy keeps it.",
        command: `az acr repository update --name myacr --image app@${NOW_DIGEST} --delete-enabled false`,
      });
      expect(finding.fixes).toHaveLength(3);
    });

    it('uses the policy’s own days, and a placeholder when there is no digest to pin', async () => {
      const { finding } = await run({ image: image({ tag: undefined, digest: DIGEST }), answers: { [MANIFEST(DIGEST)]: manifestUnknown(), [TAGS]: [{ name: 'latest' }] }, arm: withPolicy({ days: 30, status: 'enabled' }) });
      expect(finding.fixes.at(-1)!.command).toBe("az acr repository update --name myacr --image 'app@<digest>' --delete-enabled false");
      expect(finding.evidence.at(-1)!.fact).toContain('deleted 30 day(s) after');
    });

    it.each([['disabled', { days: 7, status: 'disabled' }], ['absent', undefined]])('adds nothing when the policy is %s', async (_what, policy) => {
      const { finding } = await pinned(policy);
      expect(finding.fixes).toHaveLength(2);
      expect(finding.evidence.map((e) => e.source)).not.toContain(`ARM ${ACR_ID} policies.retentionPolicy`);
    });

    it('adds nothing, and still fails, when the registry cannot be searched', async () => {
      const { finding } = await run({ image: image({ tag: 'v1.2', digest: DIGEST }), failure: WEB, answers: { [MANIFEST(DIGEST)]: manifestUnknown(), [TAGS]: tags, [MANIFEST('v1.2')]: manifest() }, arm: { [REGISTRIES]: new Error('403') } });
      expect(finding.status).toBe('fail');
      expect(finding.fixes).toHaveLength(2);
    });
  });

  it('with no tags, asks to push and pin what the push prints', async () => {
    const { finding } = await run({ image: image({ tag: undefined, digest: DIGEST }), answers: { [MANIFEST(DIGEST)]: manifestUnknown(), [TAGS]: [{ name: 'latest' }] } });
    expect(finding).toEqual({
      status: 'fail',
      summary: `Digest ${DIGEST} does not exist in ${HOST}/app`,
      evidence: [{ fact: `app (1 tag(s)) has no manifest ${DIGEST}`, source: `registry ${HOST} tags/list` }],
      fixes: [{ text: 'app has no tags: push the image, then pin the digest the push prints.' }],
      docs: DOCS.cannotPullFromAcr,
    });
  });
});

describe('closest repository names', () => {
  it.each<[string, string[], string[]]>([
    ['paymnets', ['payments', 'orders', 'payment-api'], ['payments']],
    ['app', ['billing', 'orders'], []],
    // Up to two edits for a short name, a third of the length for a long one.
    ['api', ['ap', 'a', 'xyz', 'apixx'], ['ap', 'a', 'apixx']],
    ['orders-service', ['orders-servxxxx', 'orders-servxxxxx', 'orders-serv'], ['orders-serv', 'orders-servxxxx']],
    // The name itself is never suggested; equal once normalised ranks first; ties alphabetically; three at most.
    ['Team/App', ['Team/App', 'team/app', 'team/apq', 'team/apc', 'team/apb'], ['team/app', 'team/apb', 'team/apc']],
  ])('closest to %s in %j', (wanted, names, expected) => {
    expect(closestNames(wanted, names, (s) => s.toLowerCase())).toEqual(expected);
  });
});

describe('repository-tag check: a repository behind an ACR artifact cache rule', () => {
  const REG_ID = '/subscriptions/s/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/myacr';
  const CS_ID = `${REG_ID}/credentialSets/hub-creds`;
  const rule = { id: `${REG_ID}/cacheRules/hub`, name: 'hub', sourceRepository: 'docker.io/library/*', targetRepository: 'hub/library/*', credentialSetResourceId: CS_ID };
  const credentialSet = (status: string) => ({
    id: CS_ID,
    name: 'hub-creds',
    identity: { principalId: 'abcdef01-0000-4000-8000-000000000001', type: 'SystemAssigned' },
    loginServer: 'docker.io',
    authCredentials: [
      {
        name: 'Credential1',
        usernameSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/user',
        passwordSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/token',
        credentialHealth: status === 'Healthy' ? { status } : { status, errorCode: 'KeyVaultSecretAccessDenied', errorMessage: 'no access' },
      },
    ],
  });
  const arm = (rules: unknown[], cs?: unknown) => ({
    [registriesKey('s')]: [{ id: REG_ID, name: 'myacr', loginServer: HOST }],
    [`LIST ${REG_ID}/cacheRules`]: rules,
    ...(cs ? { [`GET ${CS_ID}`]: cs } : {}),
  });
  const missingRepo = (repository: string) => ({ [MANIFEST('7.4.1', repository)]: nameUnknown(), [CATALOG]: ['billing'] });

  it('fails on the unhealthy credential set, with the Key Vault grant, instead of asking for a push', async () => {
    const { finding } = await run({ image: image({ repository: 'hub/library/redis', tag: '7.4.1' }), answers: missingRepo('hub/library/redis'), arm: arm([rule], credentialSet('Unhealthy')) });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe("Cache rule hub's credential set hub-creds is Unhealthy: myacr cannot fetch docker.io/library/redis:7.4.1 upstream");
    expect(finding.evidence.slice(0, 2)).toEqual([
      { fact: 'cache rule hub serves hub/library/* from docker.io/library/* with credential set hub-creds', source: `ARM ${REG_ID}/cacheRules/hub` },
      { fact: 'credential set hub-creds: Credential1 is Unhealthy (KeyVaultSecretAccessDenied: no access)', source: `ARM ${CS_ID}` },
    ]);
    expect(finding.fixes[0]!.command).toBe(
      `az role assignment create --assignee-object-id abcdef01-0000-4000-8000-000000000001 --assignee-principal-type ServicePrincipal --role 'Key Vault Secrets User' --scope "$(az keyvault show --name kv-acr --query id -o tsv)"`,
    );
    expect(finding.fixes[1]!.command).toBe('az acr credential-set show --registry myacr --name hub-creds --query authCredentials');
    expect(finding.fixes.some((f) => /push/i.test(f.text))).toBe(false);
    expect(finding.docs).toBe(DOCS.artifactCache);
  });

  it('with a healthy credential set, keeps the finding and points upstream instead of at a push', async () => {
    const { finding } = await run({ image: image({ repository: 'hub/library/redis', tag: '7.4.1' }), answers: missingRepo('hub/library/redis'), arm: arm([rule], credentialSet('Healthy')) });
    expect(finding.summary).toBe(`Repository hub/library/redis does not exist in ${HOST}`);
    expect(finding.fixes.map((f) => f.text)).toEqual(['hub/library/* is a cache of docker.io/library/*: check that docker.io/library/redis:7.4.1 exists upstream (ACR fetches it on the first pull), rather than pushing it to myacr.']);
  });

  it('with a healthy credential set and a missing tag, keeps the closest tag and drops only the push', async () => {
    const { finding } = await run({
      failure: WEB,
      image: image({ repository: 'hub/library/redis', tag: '7.4.1' }),
      answers: { [MANIFEST('7.4.1', 'hub/library/redis')]: manifestUnknown(), [`registry ${HOST} tags hub/library/redis`]: [{ name: '7.4.0' }] },
      arm: arm([rule], credentialSet('Healthy')),
    });
    expect(finding.summary).toBe(`Tag 7.4.1 does not exist in ${HOST}/hub/library/redis (closest: 7.4.0)`);
    expect(finding.evidence.at(-1)).toEqual({ fact: 'cache rule hub serves hub/library/* from docker.io/library/* with credential set hub-creds', source: `ARM ${REG_ID}/cacheRules/hub` });
    expect(finding.fixes.map((f) => f.text)).toEqual([
      'Point the workload at an existing tag such as 7.4.0.',
      'hub/library/* is a cache of docker.io/library/*: check that docker.io/library/redis:7.4.1 exists upstream (ACR fetches it on the first pull), rather than pushing it to myacr.',
    ]);
  });

  it('reads no cache rule when the reference resolves', async () => {
    const { finding, asked } = await run({ image: image({ repository: 'hub/library/redis', tag: '7.4.1' }), answers: { [MANIFEST('7.4.1', 'hub/library/redis')]: manifest() }, arm: arm([rule], credentialSet('Unhealthy')) });
    expect(finding.summary).toBe(`${HOST}/hub/library/redis:7.4.1 exists in ${HOST}`);
    expect(asked).toEqual([MANIFEST('7.4.1', 'hub/library/redis')]);
  });

  it('leaves a repository no rule serves as it was', async () => {
    const { finding } = await run({ image: image({ repository: 'apps/redis', tag: '7.4.1' }), answers: missingRepo('apps/redis'), arm: arm([rule]) });
    expect(finding.fixes.map((f) => f.text)).toEqual([`Push the image to ${HOST}/apps/redis, or fix the repository name in the pod spec.`]);
  });

  it('says so when the cache rules cannot be read', async () => {
    const refused = Object.assign(new Error('AuthorizationFailed: no access'), { statusCode: 403 });
    const { finding } = await run({ image: image({ repository: 'hub/library/redis', tag: '7.4.1' }), answers: missingRepo('hub/library/redis'), arm: { ...arm([]), [`LIST ${REG_ID}/cacheRules`]: refused } });
    expect(finding.evidence.at(-1)).toEqual({ fact: 'cache rules of myacr could not be read (AuthorizationFailed: no access)', source: 'ARM cacheRules' });
  });

  it.each<[string, string, string | undefined]>([
    ['hub/library/*', 'hub/library/redis', 'docker.io/library/redis'],
    ['hub/library/*', 'hub/library/', undefined],
    ['hub/library/*', 'hub/other/redis', undefined],
    ['mirror/nginx', 'mirror/nginx', 'docker.io/library/*'],
    ['mirror/nginx', 'mirror/nginx2', undefined],
  ])('upstreamOf: target %s, repository %s → %s', (targetRepository, repository, upstream) => {
    expect(upstreamOf({ targetRepository, sourceRepository: 'docker.io/library/*' }, repository)).toBe(upstream);
  });
});

import path from 'node:path';
import { describeCheckTable, diagnoseWorld } from '../../../test/helpers/check-table';
import { diagnoseInSandbox } from '../../sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../sandbox/load-world';
import { buildSandboxRegistry } from '../../sandbox/registry/registry-content';
import { closestTags } from '../closest-tags';
import { closestNames, newestTags } from './repository-tag';
import type { PreviousImageLookup } from '../../logs/previous-image';
import type { Finding, PullFailure } from '../../model';

describeCheckTable('repository-tag', [
  ['healthy', 'pass', /myacr\.azurecr\.io\/app:v1\.2 exists/],
  ['tag-missing', 'fail', /Tag v1\.3 does not exist .* \(1\.3 does\)/],
  // Two commit tags one edit away: ACR's push time decides (version order would pick the March push).
  ['tag-missing-commit-tags', 'fail', /^Tag main-5d0c2e8 does not exist in myacr\.azurecr\.io\/api \(closest: main-5d0c2e1\)$/],
  // v1.8 is the newest push one edit away, but Container insights shows the workload ran v1.7.
  ['tag-missing-previous', 'fail', /^Tag v1\.9 does not exist in myacr\.azurecr\.io\/app \(ran before: v1\.7\)$/],
  ['repository-typo', 'fail', /Repository paymnets does not exist .*did you mean payments/],
  ['digest-pin-missing', 'fail', /^Digest sha256:5d1b2c0a\S+ does not exist in myacr\.azurecr\.io\/app \(v1\.2 is an existing tag\)$/],
  ['fleet-digest-missing', 'fail', /^Digest sha256:0e6b8c2a\S+ does not exist in twplatformacr\.azurecr\.io\/payments\/worker \(2026\.11\.24-a1b2c3d is an existing tag\)$/],
  // 4.2.0 and 4.2.2 are one edit from 4.2.1: the workload ran 4.2.0 (Container insights), so it comes first…
  ['fleet-tag-missing-ran-before', 'fail', /^Tag 4\.2\.1 does not exist in twplatformacr\.azurecr\.io\/payments\/api \(ran before: 4\.2\.0\)$/],
  // …unless Log Analytics refuses the query (403): then the newest push of the two.
  ['fleet-tag-missing-logs-denied', 'fail', /^Tag 4\.2\.1 does not exist in twplatformacr\.azurecr\.io\/payments\/api \(closest: 4\.2\.2\)$/],
  // A registry ARM cannot see is not contacted (egress policy): no Entra token to another tenant's registry.
  ['cross-tenant-registry', 'unknown', /^registry host not allowed: add it to PULL_DOCTOR_ALLOWED_REGISTRIES .*myacr2\.azurecr\.io was not found through ARM/],
]);

describe('closest and newest names', () => {
  it.each([
    ['paymnets', ['payments', 'orders', 'payment-api'], ['payments']],
    ['app', ['billing', 'orders'], []],
  ])('closest repository to %s in %j', (wanted, names, expected) => {
    expect(closestNames(wanted, names, (s) => s)).toEqual(expected);
  });

  it.each<[string, string, Array<{ name: string; pushedAt?: string }>, string | undefined, string[]]>([
    ['an exact match but for the v first, then the higher version on a tie', 'v1.3', [{ name: 'v1.2' }, { name: '1.3' }, { name: 'v1.4' }, { name: 'latest' }], undefined, ['1.3', 'v1.4', 'v1.2']],
    ['ties go to the newest version, never the oldest', 'v1.9', ['v1.0', 'v1.1', 'v1.8', 'v1.5'].map((name) => ({ name })), undefined, ['v1.8', 'v1.5', 'v1.1']],
    ['v1.9 missing, v1.0 pushed long ago and v1.8 newest: v1.8', 'v1.9', [{ name: 'v1.0', pushedAt: '2025-02-01T00:00:00Z' }, { name: 'v1.8', pushedAt: '2026-11-01T00:00:00Z' }], undefined, ['v1.8', 'v1.0']],
    ['commit tags one edit away: the newest push, whatever the hex says', 'main-5d0c2e8', [{ name: 'main-5d0c2e9', pushedAt: '2026-03-04T11:20:00Z' }, { name: 'main-5d0c2e1', pushedAt: '2026-11-24T22:10:00Z' }], undefined, ['main-5d0c2e1', 'main-5d0c2e9']],
    ['ties go to the newest push before the version', 'v1.9', [{ name: 'v1.8', pushedAt: '2026-01-01T00:00:00Z' }, { name: 'v1.0', pushedAt: '2026-11-01T00:00:00Z' }], undefined, ['v1.0', 'v1.8']],
    ['distance first, whatever the push time', 'v2.10', [{ name: 'v2.1', pushedAt: '2026-01-01T00:00:00Z' }, { name: 'v9.99', pushedAt: '2026-11-01T00:00:00Z' }], undefined, ['v2.1']],
    ['the tag the workload ran before comes first', 'v1.9', ['v1.0', 'v1.8', 'v1.5'].map((name) => ({ name })), 'v1.5', ['v1.5', 'v1.8', 'v1.0']],
    ['a previous tag that no longer exists is not suggested', 'v1.9', ['v1.8'].map((name) => ({ name })), 'v1.7', ['v1.8']],
  ])('%s', (_name, wanted, tags, previousTag, expected) => {
    expect(closestTags(wanted, tags, { previousTag })).toEqual(expected);
  });

  it('orders versions numerically', () => {
    expect(newestTags(['v1.9', 'v1.10', 'latest', 'v1.2'])).toEqual(['v1.10', 'v1.9', 'v1.2']);
  });

  it.each<[string, Array<{ name: string; pushedAt?: string }>, string[]]>([
    ['commit tags by push time (version order cannot rank hashes)', [{ name: 'sha-9f1e2d3', pushedAt: '2026-01-01T00:00:00Z' }, { name: 'sha-1a2b3c4', pushedAt: '2026-11-01T00:00:00Z' }, { name: 'sha-5e6f7a8', pushedAt: '2026-06-01T00:00:00Z' }], ['sha-1a2b3c4', 'sha-5e6f7a8', 'sha-9f1e2d3']],
    ['push time beats version order', [{ name: 'v2.0', pushedAt: '2026-01-01T00:00:00Z' }, { name: 'v1.9-hotfix', pushedAt: '2026-11-01T00:00:00Z' }], ['v1.9-hotfix', 'v2.0']],
    ['latest is never a newest tag', [{ name: 'latest', pushedAt: '2026-12-01T00:00:00Z' }, { name: 'v1', pushedAt: '2026-11-01T00:00:00Z' }], ['v1']],
  ])('newest tags: %s', (_name, tags, expected) => {
    expect(newestTags(tags)).toEqual(expected);
  });
});

describe('an existing digest', () => {
  it('is printed as repo@sha256:…, never repo:@sha256:…', async () => {
    const world = loadWorld(path.join(WORLDS_DIR, 'healthy.yaml'));
    const digest = buildSandboxRegistry('myacr.azurecr.io', world.registries['myacr.azurecr.io']!).repositories.get('app')!.tags.get('v1.2')!;
    const diagnosis = await diagnoseInSandbox({ ...world, failure: { ...world.failure, image: `myacr.azurecr.io/app@${digest}` } }, { checkTimeoutMs: 8000 });
    const finding = diagnosis.findings.find((f) => f.checkId === 'repository-tag')!;
    expect(finding.status).toBe('pass');
    expect(finding.evidence[0].fact).toBe(`app@${digest} resolves to ${digest} (linux/amd64, linux/arm64)`);
  }, 30_000);
});

describe('the tag the workload ran before (world tag-missing-previous)', () => {
  const world = loadWorld(path.join(WORLDS_DIR, 'tag-missing-previous.yaml'));
  const run = async (options: { previousImage?: PreviousImageLookup; withoutTag?: string; failure?: Partial<PullFailure> } = {}): Promise<Finding> => {
    const w = structuredClone(world);
    if (options.withoutTag) delete w.registries['myacr.azurecr.io']!.repositories['app']!.tags[options.withoutTag];
    const failure = { ...w.failure, ...options.failure };
    const diagnosis = await diagnoseInSandbox(w, { checkTimeoutMs: 8000, previousImage: options.previousImage, failure });
    return diagnosis.findings.find((f) => f.checkId === 'repository-tag')!;
  };

  it('comes first, says where it came from, and the fix rolls back to it', async () => {
    const finding = await run();
    expect(finding.evidence).toContainEqual({
      fact: 'Deployment/web ran app:v1.7 before (2 pod(s) of ReplicaSet web-5f6d7c8b9a, last seen running 2026-11-25T21:29:00.000Z)',
      source: 'Container insights (KubePodInventory, ContainerInventory), workspace 55555555-5555-5555-5555-555555555555',
    });
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: expect.stringMatching(/^closest tags: v1\.7 /) }));
    expect(finding.fixes.slice(0, 2)).toEqual([
      { text: 'The workload ran myacr.azurecr.io/app:v1.7 before: roll back to the previous revision.', command: 'kubectl rollout undo deployment/web -n shop' },
      { text: 'Or set the image back to v1.7, the tag it ran before (or another existing tag).', command: 'kubectl set image deployment/web web=myacr.azurecr.io/app:v1.7 -n shop' },
    ]);
  }, 30_000);

  it('is not suggested once it is gone from the registry (rolling back would fail the same way)', async () => {
    const finding = await run({ withoutTag: 'v1.7' });
    expect(finding.summary).toBe('Tag v1.9 does not exist in myacr.azurecr.io/app (closest: v1.8)');
    expect(finding.evidence).toContainEqual(expect.objectContaining({ fact: expect.stringMatching(/ran app:v1\.7 before .*, but v1\.7 is no longer in the registry$/) }));
    expect(finding.fixes.map((f) => f.command ?? '').join('\n')).not.toMatch(/rollout undo|app:v1\.7/);
  }, 30_000);

  it('a Log Analytics failure is an evidence line, not a crash: the ranking falls back to the newest push', async () => {
    const finding = await run({ previousImage: async () => ({ unreadable: true, why: 'Log Analytics could not be read (workspace 5555…: 403 InsufficientAccessError)', source: 'Container insights' }) });
    expect(finding.status).toBe('fail');
    expect(finding.summary).toBe('Tag v1.9 does not exist in myacr.azurecr.io/app (closest: v1.8)');
    expect(finding.evidence).toContainEqual({ fact: 'the tag the workload ran before could not be read: Log Analytics could not be read (workspace 5555…: 403 InsufficientAccessError)', source: 'Container insights' });
  }, 30_000);

  it('a lookup that throws anyway (a cancelled read) still ends in that evidence line', async () => {
    const finding = await run({ previousImage: async () => Promise.reject(new Error('The operation was aborted.')) });
    expect(finding.summary).toMatch(/\(closest: v1\.8\)$/);
    expect(finding.evidence).toContainEqual({ fact: 'the tag the workload ran before could not be read: The operation was aborted.', source: 'Container insights' });
  }, 30_000);

  it('a preflight (nothing rolled out yet) still prefers the tag running now, but offers no rollout undo', async () => {
    const finding = await run({ failure: { source: 'preflight', pod: undefined, reason: undefined, message: undefined, firstSeen: undefined, lastSeen: undefined } });
    expect(finding.summary).toBe('Tag v1.9 does not exist in myacr.azurecr.io/app (ran before: v1.7)');
    expect(finding.fixes[0]).toEqual({ text: 'Set the image back to v1.7, the tag it ran before (or another existing tag).', command: 'kubectl set image deployment/web web=myacr.azurecr.io/app:v1.7 -n shop' });
    expect(finding.fixes.map((f) => f.command).join('\n')).not.toMatch(/rollout undo/);
  }, 30_000);

  it('an impact check (a workload running the tag now) does not ask', async () => {
    const finding = await run({ failure: { source: 'change' } });
    expect(finding.summary).toBe('Tag v1.9 does not exist in myacr.azurecr.io/app (closest: v1.8)');
    expect(finding.evidence.map((e) => e.fact).join('\n')).not.toMatch(/before/);
  }, 30_000);
});

describe('evidence for a digest that is not in the repository', () => {
  it('says the repository has no such manifest (a digest is not a tag)', async () => {
    const finding = (await diagnoseWorld('fleet-digest-missing')).findings.find((f) => f.checkId === 'repository-tag')!;
    expect(finding.evidence[0]!.fact).toBe('payments/worker (2 tag(s)) has no manifest sha256:0e6b8c2a4f1d3e5b7a9c0d2e4f6a8b1c3d5e7f9a0b2c4d6e8f1a3b5c7d9e0f2a');
  }, 30_000);
});

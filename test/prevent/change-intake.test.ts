import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Change } from '../../lib/model';
import { foldChanges } from '../../lib/prevent/fold-changes';
import { parseChangeEvents } from '../../lib/prevent/parse-change-events';
import { principalFromClaims } from '../../lib/prevent/arm-change-event';
import { selectChecks } from '../../lib/diagnosis/select-checks';
import { CHECKS } from '../../lib/diagnosis/check-list';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../fixtures/events', name), 'utf8'));
const conformance = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../conformance/eventgrid', name), 'utf8'));
const worldChange = (name: string): Record<string, unknown> => {
  const change = loadWorld(path.join(WORLDS_DIR, `${name}.yaml`)).change as Array<Record<string, unknown>>;
  return structuredClone(change[0]!);
};

describe('change intake: Event Grid events → changes', () => {
  it('ignores the official Resource Manager samples (a storage account operation cannot affect a pull)', async () => {
    for (const name of ['arm-resource-delete-success.json', 'arm-resource-write-success.json']) {
      const [parsed] = await parseChangeEvents(fixture(name));
      expect(parsed).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/^operation Microsoft\.Storage\/storageAccounts\/(delete|write) cannot affect a pull$/) });
    }
  });

  it('reads the official ACR samples as tag changes (delete by digest, push with tag)', async () => {
    const [deleted] = await parseChangeEvents(conformance('acr-image-deleted-eventgrid-schema.json'));
    const [pushed] = await parseChangeEvents(conformance('acr-image-pushed-cloudevents.json'));
    expect(deleted).toMatchObject({ kind: 'change', change: { kind: 'tag-deleted', checks: ['repository-tag'], registry: { loginServer: 'demo.azurecr.io', repository: 'aci-helloworld', tags: [] } } });
    expect(pushed).toMatchObject({ kind: 'change', change: { kind: 'tag-moved', checks: ['platform', 'image-size'], registry: { repository: 'aci-helloworld', tags: ['v1'] } } });
  });

  it.each([
    ['change-acrpull-deleted', 'role-assignment-deleted', ['pull-permission']],
    ['change-firewall-tightened', 'registry-changed', ['network-rules', 'private-endpoint', 'pull-permission']],
    ['change-private-dns-record-removed', 'private-dns-changed', ['private-dns', 'in-cluster-dns']],
    ['change-private-endpoint-deleted', 'private-endpoint-changed', ['private-endpoint', 'private-dns', 'network-rules']],
    ['change-arm64-pool-added', 'cluster-changed', ['cluster', 'platform', 'pull-permission']],
    ['change-outbound-ip-changed', 'outbound-changed', ['network-rules']],
  ])('%s → %s with its checks and the principal from the claims', async (world, kind, checks) => {
    const [parsed] = await parseChangeEvents(worldChange(world));
    expect(parsed).toMatchObject({ kind: 'change', change: { kind, checks, principal: 'pat.lee@contoso.com' } });
  });

  it('accepts claims and authorization as JSON text, and the CloudEvents schema', async () => {
    const event = worldChange('change-acrpull-deleted');
    const data = event.data as Record<string, unknown>;
    const cloud = { specversion: '1.0', id: event.id, source: event.topic, subject: event.subject, type: event.eventType, time: event.eventTime, data: { ...data, claims: JSON.stringify(data.claims) } };
    const [parsed] = await parseChangeEvents(cloud);
    expect(parsed).toMatchObject({ kind: 'change', change: { kind: 'role-assignment-deleted', principal: 'pat.lee@contoso.com' } });
  });

  it.each([
    ['a resource id with a quote', (d: Record<string, unknown>) => (d.resourceUri = `${String(d.resourceUri)}'`), /data\.resourceUri: is not an ARM resource id/],
    ['an oversized resource id', (d: Record<string, unknown>) => (d.resourceUri = `/subscriptions/11111111-1111-1111-1111-111111111111/${'a/'.repeat(600)}`), /data\.resourceUri/],
    ['claims that are neither object nor JSON', (d: Record<string, unknown>) => (d.claims = 'not json'), /data\.claims/],
  ])('refuses %s as malformed, with the field', async (_what, edit, reason) => {
    const event = worldChange('change-acrpull-deleted');
    edit(event.data as Record<string, unknown>);
    const [parsed] = await parseChangeEvents(event);
    expect(parsed).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(reason) });
  });

  it('ignores failed operations and other event types; a non-object is malformed', async () => {
    const failed = worldChange('change-acrpull-deleted');
    (failed.data as Record<string, unknown>).status = 'Failed';
    const other = { ...worldChange('change-acrpull-deleted'), eventType: 'Microsoft.Resources.ResourceWriteFailure' };
    const parsed = await parseChangeEvents([failed, other, 42]);
    expect(parsed.map((p) => p.kind)).toEqual(['ignored', 'ignored', 'malformed']);
  });

  it('takes the principal from upn, name or appid only, never another claim, and refuses control characters', () => {
    expect(principalFromClaims({ 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn': 'a@b.com', name: 'A', aio: 'secret-token' })).toBe('a@b.com');
    expect(principalFromClaims({ name: 'Build pipeline', aio: 'secret-token' })).toBe('Build pipeline');
    expect(principalFromClaims({ appid: '04b07795-8ddb-461a-bbee-02f9e1bf7b46' })).toBe('application 04b07795-8ddb-461a-bbee-02f9e1bf7b46');
    expect(principalFromClaims({ name: 'evil\u202Eeman', aio: 'secret-token' })).toBeUndefined();
    expect(principalFromClaims({ aio: 'secret-token', uti: 'x' })).toBeUndefined();
  });
});

describe('debounce', () => {
  const deletion = (i: number, repository = 'app', at = Date.parse('2026-11-25T21:50:00Z') + i * 100): Change => ({
    id: `e${i}`,
    kind: 'tag-deleted',
    at: new Date(at).toISOString(),
    registry: { loginServer: 'myacr.azurecr.io', repository, tags: [`t${i}`] },
    eventIds: [`e${i}`],
    checks: ['repository-tag'],
  });

  it('folds a pipeline deleting 500 tags of one repository into one change', () => {
    const folded = foldChanges(Array.from({ length: 500 }, (_, i) => deletion(i)));
    expect(folded).toHaveLength(1);
    expect(folded[0]).toMatchObject({ id: 'e0', at: '2026-11-25T21:50:00.000Z' });
    expect(folded[0]!.registry!.tags).toHaveLength(500);
    expect(folded[0]!.eventIds).toHaveLength(500);
  });

  it('keeps other repositories, and deletions after the window, apart', () => {
    const late = deletion(2, 'app', Date.parse('2026-11-25T21:55:00Z'));
    expect(foldChanges([deletion(0), deletion(1, 'payments'), late], 120_000).map((c) => c.id)).toEqual(['e0', 'e1', 'e2']);
  });

  it('the burst world folds three ImageDeleted events into one change', async () => {
    const world = loadWorld(path.join(WORLDS_DIR, 'change-burst-deletes.yaml'));
    const parsed = await parseChangeEvents(world.change);
    const folded = foldChanges(parsed.flatMap((p) => (p.kind === 'change' ? [p.change] : [])));
    expect(folded).toHaveLength(1);
    expect(folded[0]!.registry!.tags).toEqual(['v1.0', 'v1.1', 'v1.2']);
  });
});

describe('engine: only the checks a change affects', () => {
  it('adds the checks that provide the facts they need, nothing else', () => {
    expect(selectChecks(CHECKS, ['platform']).map((c) => c.id)).toEqual(['image-reference', 'cluster', 'repository-tag', 'platform']);
    expect(selectChecks(CHECKS, ['registry', 'network-rules']).map((c) => c.id)).toEqual(['image-reference', 'registry', 'cluster', 'network-rules']);
  });
});

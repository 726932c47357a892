import { parseAcrEvents } from './parse-acr-event';

// ACR push/delete events (https://learn.microsoft.com/azure/event-grid/event-schema-container-registry)
// read field by field: the login server (data.request.host, else the registry in the topic), the
// repository and tag grammars, the time and which event types count.
const TOPIC = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/MyAcr01';
const envelope = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 'a1',
  topic: TOPIC,
  subject: 'app:v1',
  eventType: 'Microsoft.ContainerRegistry.ImagePushed',
  eventTime: '2026-11-25T21:00:00Z',
  dataVersion: '1',
  metadataVersion: '1',
  data,
  ...extra,
});
const target = (over: Record<string, unknown> = {}) => ({ repository: 'shop/web', tag: 'v1', digest: 'sha256:abc', ...over });
const one = async (event: unknown) => (await parseAcrEvents(event))[0];

describe('the login server', () => {
  it.each<[string, Record<string, unknown> | undefined, string | undefined, string | { reason: string }]>([
    ['from data.request.host, lowercase', { host: 'MyAcr01.AzureCR.io' }, TOPIC, 'myacr01.azurecr.io'],
    ['from the topic when the request has no host', {}, TOPIC, 'myacr01.azurecr.io'],
    ['from the topic when there is no request', undefined, TOPIC, 'myacr01.azurecr.io'],
    ['a five-character registry name', {}, TOPIC.replace('MyAcr01', 'acr01'), 'acr01.azurecr.io'],
    ['a fifty-character registry name', {}, TOPIC.replace('MyAcr01', 'a'.repeat(50)), `${'a'.repeat(50)}.azurecr.io`],
    ['a four-character registry name is none', {}, TOPIC.replace('MyAcr01', 'acr1'), { reason: 'no registry login server in data.request.host' }],
    ['a 51-character registry name is none', {}, TOPIC.replace('MyAcr01', 'a'.repeat(51)), { reason: 'no registry login server in data.request.host' }],
    ['a registry name with a dash is none', {}, TOPIC.replace('MyAcr01', 'my-acr'), { reason: 'no registry login server in data.request.host' }],
    ['a topic below the registry is none', {}, `${TOPIC}/replications/x`, { reason: 'no registry login server in data.request.host' }],
    ['a host that is not a host', { host: 'acr.io/x' }, TOPIC, { reason: 'no registry login server in data.request.host' }],
  ])('%s', async (_what, request, topic, expected) => {
    const event = await one(envelope({ target: target(), ...(request ? { request } : {}) }, { topic }));
    if (typeof expected === 'string') expect(event).toMatchObject({ kind: 'push', loginServer: expected });
    else expect(event).toEqual({ kind: 'malformed', id: 'a1', reason: expected.reason });
  });
});

describe('the target', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a 128-character tag', target({ tag: `v${'1'.repeat(127)}` }), { kind: 'push', tag: `v${'1'.repeat(127)}` }],
    ['a 129-character tag', target({ tag: `v${'1'.repeat(128)}` }), { kind: 'malformed', reason: 'data.target.tag is not a tag' }],
    ['a tag starting with an underscore', target({ tag: '_v1' }), { kind: 'push', tag: '_v1' }],
    ['a tag starting with a dot', target({ tag: '.v1' }), { kind: 'malformed', reason: 'data.target.tag is not a tag' }],
    ['a tag with a newline after it', target({ tag: 'v1\n' }), { kind: 'malformed', reason: 'data.target.tag is not a tag' }],
    ['an empty repository', target({ repository: '' }), { kind: 'malformed', reason: expect.stringMatching(/^data\.target\.repository: /) }],
  ])('%s', async (_what, t, expected) => {
    expect(await one(envelope({ target: t, request: { host: 'myacr01.azurecr.io' } }))).toMatchObject(expected);
  });

  it('leaves out a tag or digest the event does not carry (a delete by digest; an empty tag)', async () => {
    const byDigest = await one(envelope({ target: { repository: 'shop/web', digest: 'sha256:abc' } }, { eventType: 'Microsoft.ContainerRegistry.ImageDeleted' }));
    expect(byDigest).toEqual({ kind: 'delete', id: 'a1', loginServer: 'myacr01.azurecr.io', repository: 'shop/web', digest: 'sha256:abc', timestamp: '2026-11-25T21:00:00.000Z' });
    const noDigest = await one(envelope({ target: { repository: 'shop/web', tag: 'v1' }, timestamp: '2026-11-25T21:00:01Z' }));
    expect(noDigest).toEqual({ kind: 'push', id: 'a1', loginServer: 'myacr01.azurecr.io', repository: 'shop/web', tag: 'v1', timestamp: '2026-11-25T21:00:01Z' });
  });

  it('stamps an event that carries no time at all with the time it was read', async () => {
    const before = Date.now();
    const event = await one({ id: 'c1', source: TOPIC, type: 'ImagePushed', specversion: '1.0', data: { target: target() } });
    expect(event?.kind).toBe('push');
    const at = Date.parse((event as { timestamp: string }).timestamp);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('event types', () => {
  it.each<[string, string]>([
    ['Microsoft.ContainerRegistry.ChartDeleted', 'ignored'],
    ['ChartDeleted', 'ignored'],
    ['ImageDeleted', 'delete'],
    ['ImagePushedAgain', 'ignored'],
    ['XImagePushed', 'ignored'],
    ['Microsoft.Storage.BlobCreated', 'ignored'],
  ])('%s → %s', async (eventType, kind) => {
    const event = await one(envelope({ target: target() }, { eventType }));
    expect(event?.kind).toBe(kind);
    if (kind === 'ignored') expect(event).toMatchObject({ id: 'a1', reason: eventType.startsWith('Chart') ? `event type Microsoft.ContainerRegistry.${eventType}` : `event type ${eventType}` });
  });

  it('names the CloudEvent type of an event it ignores', async () => {
    expect(await one({ id: 'c1', source: TOPIC, type: 'Contoso.Thing', specversion: '1.0', time: '2026-11-25T21:00:00Z', data: {} })).toEqual({ kind: 'ignored', id: 'c1', reason: 'event type Contoso.Thing' });
  });

  it('keeps the id of an event whose data string is not JSON, and leaves it out when there is none', async () => {
    const [withId, withoutId] = await parseAcrEvents([envelope({}, { data: '{x' }), { ...envelope({}, { data: '{x' }), id: 7 }]);
    expect(withId).toEqual({ kind: 'malformed', id: 'a1', reason: 'data is a string that is not JSON' });
    expect(withoutId).toEqual({ kind: 'malformed', reason: 'data is a string that is not JSON' });
  });

  it('reads a batch one event at a time, in order', async () => {
    const events = await parseAcrEvents([envelope({ target: target() }), null, envelope({ target: target({ tag: 'v2' }) }, { id: 'a2' })]);
    expect(events.map((e) => [e.kind, 'id' in e ? e.id : undefined])).toEqual([['push', 'a1'], ['malformed', undefined], ['push', 'a2']]);
  });
});

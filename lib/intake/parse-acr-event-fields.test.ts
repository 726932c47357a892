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

// The digest grammar is the OCI image spec's (https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests):
// algorithm components are lowercase, joined by `+._-`; the two registered-algorithm examples there are used as they are.
describe('the digest, kept when it is one and left out (named) when it is not', () => {
  const byDigest = (digest: string) => one(envelope({ target: { repository: 'shop/web', tag: 'v1', digest }, request: { host: 'myacr01.azurecr.io' } }));
  it.each<[string, string]>([
    ['sha256 hex', `sha256:${'6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b'}`],
    ['a multi-part algorithm (OCI example)', 'sha256+b64u:LCa0a2j_xo_5m0U8HTBBNBNCLXBkg7-g-YpeiGJm564'],
    ['another multi-part algorithm (OCI example)', 'multihash+base58:QmRZxt2b1FVZPNqd8hsiykDL3TdBDeTSPX9Kv46HmX4Gx8'],
    ['200 characters, the bound', `sha256:${'a'.repeat(193)}`],
  ])('keeps %s', async (_what, digest) => {
    const event = await byDigest(digest);
    expect(event).toMatchObject({ kind: 'push', digest });
    expect(event).not.toHaveProperty('leftOut');
  });

  it.each<[string, string]>([
    ['an uppercase algorithm', 'SHA256:abc'],
    ['text after the encoded part', 'sha256:abc def'],
    ['a separator not followed by a component', 'sha256+:abc'],
    ['no encoded part', 'sha256:'],
    ['201 characters, past the bound', `sha256:${'a'.repeat(194)}`],
  ])('leaves out %s and says so', async (_what, digest) => {
    expect(await byDigest(digest)).toEqual({ kind: 'push', id: 'a1', loginServer: 'myacr01.azurecr.io', repository: 'shop/web', tag: 'v1', timestamp: '2026-11-25T21:00:00.000Z', leftOut: ['data.target.digest'] });
  });

  it('refuses a target with neither a tag nor a valid digest (an untagged push by an invalid digest)', async () => {
    for (const t of [{ repository: 'shop/web' }, { repository: 'shop/web', digest: 'SHA256:abc' }]) {
      expect(await one(envelope({ target: t, request: { host: 'myacr01.azurecr.io' } }))).toEqual({ kind: 'malformed', id: 'a1', reason: 'data.target has neither a tag nor a valid digest' });
    }
  });
});

describe('the event time: data.timestamp as ACR writes it, else the envelope time', () => {
  const at = (timestamp: string, extra: Record<string, unknown> = {}) => one(envelope({ target: { repository: 'shop/web', tag: 'v1' }, request: { host: 'myacr01.azurecr.io' }, timestamp }, extra));
  it.each<[string, string]>([
    ['nanoseconds, as ACR writes it', '2026-11-25T21:00:01.123456789Z'],
    ['an offset', '2026-11-25T22:00:01+01:00'],
    ['40 characters, the bound', `2026-11-25T21:00:01.${'1'.repeat(19)}Z`],
  ])('keeps %s', async (_what, timestamp) => {
    const event = await at(timestamp);
    expect(event).toMatchObject({ kind: 'push', timestamp });
    expect(event).not.toHaveProperty('leftOut');
  });

  it.each<[string, string]>([
    ['41 characters, past the bound', `2026-11-25T21:00:01.${'1'.repeat(20)}Z`],
    ['an expanded year (Date.parse reads it; RFC 3339 does not)', '+002026-11-25T21:00:01Z'],
    ['no date', 'yesterday'],
    ['a date-shaped string that is no date', '2026-13-45T99:00:00Z'],
  ])('leaves out %s and takes the envelope time', async (_what, timestamp) => {
    expect(await at(timestamp)).toMatchObject({ kind: 'push', timestamp: '2026-11-25T21:00:00.000Z', leftOut: ['data.timestamp'] });
  });

  it('names both fields when the digest and the time are left out', async () => {
    const event = await one(envelope({ target: { repository: 'shop/web', tag: 'v1', digest: 'sha256:' }, request: { host: 'myacr01.azurecr.io' }, timestamp: 'later' }));
    expect(event).toMatchObject({ kind: 'push', leftOut: ['data.target.digest', 'data.timestamp'] });
  });

  it('falls back past an envelope time the SDK cannot read (Event Grid and CloudEvents) instead of failing the event', async () => {
    const before = Date.now();
    const grid = await at('soon', { eventTime: 'yesterday' });
    const cloud = await one({ id: 'c1', source: TOPIC, type: 'ImagePushed', specversion: '1.0', time: 'yesterday', data: { target: target() } });
    for (const event of [grid, cloud]) {
      expect(event?.kind).toBe('push');
      expect(Date.parse((event as { timestamp: string }).timestamp)).toBeGreaterThanOrEqual(before - 1000);
    }
    expect(await at('2026-11-25T21:00:01Z', { eventTime: 'yesterday' })).toMatchObject({ kind: 'push', timestamp: '2026-11-25T21:00:01Z' });
  });
});

describe('a batch item that is no object', () => {
  it.each<[string, unknown]>([
    ['a string', 'ImagePushed'],
    ['a number', 7],
    ['null', null],
  ])('%s is malformed, with the reason', async (_what, item) => {
    expect(await parseAcrEvents([item])).toEqual([{ kind: 'malformed', reason: 'event is not a JSON object' }]);
  });
});

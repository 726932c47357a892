import { parseK8sEnvelope, parseK8sEvents } from './parse-k8s-event';

// What a kubelet pull event carries into the failure, field by field, in the shapes
// kubernetes-event-exporter sends (docs/events.md): container from the field path, the owning
// workload, the node, the times and the repetition count.
const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const IMAGE = 'myacr.azurecr.io/app:v1';
const event = (over: Record<string, unknown> = {}, object: Record<string, unknown> = {}) => ({
  type: 'Warning',
  reason: 'Failed',
  message: `Failed to pull image "${IMAGE}": not found`,
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-7d9c8b6f5-x2x4q', fieldPath: 'spec.containers{web}', ...object },
  ...over,
});
const ce = (data: unknown, extra: Record<string, unknown> = {}) => ({ specversion: '1.0', id: 'c1', source: CLUSTER, type: 'PullDoctor.Kubernetes.Event', data, ...extra });
const failureOf = (envelope: unknown) => {
  const parsed = parseK8sEnvelope(envelope);
  if (parsed.kind !== 'failure') throw new Error(`${parsed.kind}: ${parsed.reason}`);
  return parsed.failure;
};

describe('the container, from the event field path', () => {
  it.each<[string | undefined, string | undefined]>([
    ['spec.containers{web}', 'web'],
    ['spec.initContainers{migrate}', 'migrate'],
    ['spec.ephemeralContainers{debugger}', 'debugger'],
    ['spec.containers{}', undefined],
    ['spec.containers{web}.image', undefined],
    ['xspec.containers{web}', undefined],
    ['spec.sidecarContainers{web}', undefined],
    ['spec.containers[web]', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (fieldPath, container) => {
    expect(failureOf(ce(event({}, { fieldPath }))).container).toBe(container);
  });
});

describe('the owning workload', () => {
  const owned = (ownerReferences: unknown, labels?: Record<string, string>) => failureOf(ce(event({}, { ownerReferences, ...(labels ? { labels } : {}) }))).controller;
  it.each<[string, unknown, Record<string, string> | undefined, string | undefined]>([
    ['a ReplicaSet with its pod-template-hash stands for its Deployment', [{ kind: 'ReplicaSet', name: 'web-7d9c8b6f5' }], { 'pod-template-hash': '7d9c8b6f5' }, 'Deployment/web'],
    ['a ReplicaSet without the hash label stays itself', [{ kind: 'ReplicaSet', name: 'web-7d9c8b6f5' }], undefined, 'ReplicaSet/web-7d9c8b6f5'],
    ['a ReplicaSet whose name does not end in the hash stays itself', [{ kind: 'ReplicaSet', name: 'web-abc' }], { 'pod-template-hash': '7d9c8b6f5' }, 'ReplicaSet/web-abc'],
    ['a hash without its dash is not the suffix', [{ kind: 'ReplicaSet', name: 'web7d9c8b6f5' }], { 'pod-template-hash': '7d9c8b6f5' }, 'ReplicaSet/web7d9c8b6f5'],
    ['a StatefulSet with a hash label is not a Deployment', [{ kind: 'StatefulSet', name: 'db-7d9c8b6f5' }], { 'pod-template-hash': '7d9c8b6f5' }, 'StatefulSet/db-7d9c8b6f5'],
    ['the first owner counts', [{ kind: 'Job', name: 'nightly' }, { kind: 'ReplicaSet', name: 'x' }], undefined, 'Job/nightly'],
    ['no owners', [], undefined, undefined],
    ['owners null', null, undefined, undefined],
  ])('%s', (_what, owners, labels, controller) => {
    expect(owned(owners, labels)).toBe(controller);
  });
});

describe('times, count and node', () => {
  it('takes the event times and count, the node from the source host, and the message as sent', () => {
    const failure = failureOf(
      ce(event({ firstTimestamp: '2026-11-25T20:58:00Z', lastTimestamp: '2026-11-25T21:04:58Z', count: '7', source: { host: 'aks-nodepool1-12345678-vmss000000', component: 'kubelet' } }), { time: '2026-11-25T21:05:00Z' }),
    );
    expect(failure).toEqual({
      cluster: CLUSTER,
      namespace: 'shop',
      pod: 'web-7d9c8b6f5-x2x4q',
      container: 'web',
      controller: undefined,
      image: IMAGE,
      reason: 'Failed',
      message: `Failed to pull image "${IMAGE}": not found`,
      node: 'aks-nodepool1-12345678-vmss000000',
      firstSeen: '2026-11-25T20:58:00.000Z',
      lastSeen: '2026-11-25T21:04:58.000Z',
      count: 7,
      source: 'k8s-event',
    });
  });

  it('falls back to the envelope time when the event times are missing or unreadable, and leaves out an absent count', () => {
    const failure = failureOf(ce(event({ firstTimestamp: null, lastTimestamp: 'yesterday' }), { time: '2026-11-25T21:05:00Z' }));
    expect(failure.firstSeen).toBe('2026-11-25T21:05:00.000Z');
    expect(failure.lastSeen).toBe('2026-11-25T21:05:00.000Z');
    expect(failure).not.toHaveProperty('count');
    expect(failure.node).toBeUndefined();
  });

  it('takes the Event Grid event time the same way', () => {
    const failure = failureOf({ id: 'e1', eventType: 'PullDoctor.Kubernetes.Event', subject: CLUSTER, eventTime: '2026-11-25T21:06:00Z', data: event() });
    expect(failure.lastSeen).toBe('2026-11-25T21:06:00.000Z');
  });

  it('refuses a count that is text but not digits (a numeric count is bounded later, by boundFailure)', () => {
    expect(parseK8sEnvelope(ce(event({ count: '7x' })))).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^data\.count: /) });
  });

  it('reads a zero count', () => {
    expect(failureOf(ce(event({ count: 0 }))).count).toBe(0);
  });

  it('reads a count of several digits sent as text, and refuses text that only ends in digits', () => {
    expect(failureOf(ce(event({ count: '12' }))).count).toBe(12);
    expect(parseK8sEnvelope(ce(event({ count: 'x7' })))).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^data\.count: /) });
  });
});

describe('which events are pull failures', () => {
  it.each<[string, string, string | undefined]>([
    ['BackOff', `Back-off pulling image "${IMAGE}"`, IMAGE],
    ['InspectFailed', 'Failed to apply default image tag "WEB:latest": couldn\'t parse image reference', 'WEB:latest'],
    ['ErrImageNeverPull', 'Container image "web:local" is not present with pull policy of Never', 'web:local'],
    ['Failed', 'Error: ErrImagePull', undefined],
    ['Pulling', `Pulling image "${IMAGE}"`, undefined],
    ['failed', `Failed to pull image "${IMAGE}": not found`, undefined],
  ])('%s: %s', (reason, message, image) => {
    const parsed = parseK8sEnvelope(ce(event({ reason, message })));
    if (image) expect(parsed).toMatchObject({ kind: 'failure', failure: { image, reason } });
    else expect(parsed.kind).toBe('ignored');
  });

  it('treats an event without a type as a warning, and any other type as not ours', () => {
    const { type: _type, ...untyped } = event();
    expect(parseK8sEnvelope(ce(untyped)).kind).toBe('failure');
    expect(parseK8sEnvelope(ce(event({ type: 'warning' })))).toMatchObject({ kind: 'ignored', reason: 'event type warning' });
  });

  it('names the kind of a non-pod object, clipped, and says when there is none', () => {
    expect(parseK8sEnvelope(ce(event({}, { kind: 'K'.repeat(100) })))).toMatchObject({ kind: 'ignored', reason: `not a pod event (${'K'.repeat(40)})` });
    expect(parseK8sEnvelope(ce(event({}, { kind: '' })))).toMatchObject({ kind: 'ignored', reason: 'not a pod event (no involvedObject.kind)' });
    expect(parseK8sEnvelope(ce(event({}, { kind: 7 })))).toMatchObject({ kind: 'ignored', reason: 'not a pod event (no involvedObject.kind)' });
    expect(parseK8sEnvelope(ce({ ...event(), involvedObject: null }))).toMatchObject({ kind: 'ignored', reason: 'not a pod event (no involvedObject.kind)' });
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['a boolean', true],
    ['a JSON string of a number', '42'],
  ])('refuses data that is %s', (_what, data) => {
    expect(parseK8sEnvelope(ce(data))).toEqual({ kind: 'malformed', id: 'c1', reason: 'data is not a JSON object' });
  });

  it('reads data sent as a JSON string', () => {
    expect(parseK8sEnvelope(ce(JSON.stringify(event())))).toMatchObject({ kind: 'failure', id: 'c1' });
  });

  it('names the first invalid field of a pod event', () => {
    expect(parseK8sEnvelope(ce(event({ message: 42 })))).toEqual({ kind: 'malformed', id: 'c1', reason: 'data.message: Expected string, received number' });
  });
});

describe('envelopes', () => {
  it.each<[string, Record<string, unknown>]>([
    ['lowercase microsoft. event type', { id: 'e1', eventType: 'microsoft.resources.ResourceWriteSuccess', data: event() }],
    ['CloudEvent of an Azure type', ce(event(), { type: 'Microsoft.ContainerService.NodePoolRollingStarted' })],
  ])('ignores %s', (_what, envelope) => {
    expect(parseK8sEnvelope(envelope)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/is not a Kubernetes event$/) });
  });

  it('reads a type that only contains Microsoft. as ours', () => {
    expect(parseK8sEnvelope(ce(event(), { type: 'Contoso.Microsoft.Events' })).kind).toBe('failure');
  });

  it.each<[string, unknown, RegExp]>([
    ['CloudEvent spec version 0.3', { ...ce(event()), specversion: '0.3' }, /^CloudEvent specversion: /],
    ['CloudEvent with an empty id', { ...ce(event()), id: '' }, /^CloudEvent id: /],
    ['CloudEvent with an empty type', { ...ce(event()), type: '' }, /^CloudEvent type: /],
    ['Event Grid event with an empty event type', { id: 'e1', eventType: '', data: event() }, /^Event Grid event eventType: /],
    ['null', null, /^event is not a JSON object$/],
    ['a number', 7, /^event is not a JSON object$/],
  ])('%s is malformed', (_what, envelope, reason) => {
    expect(parseK8sEnvelope(envelope)).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(reason) });
  });

  it('recognises the exporter raw body by involvedObject, or by reason with metadata', () => {
    expect(parseK8sEnvelope({ ...event(), clusterName: CLUSTER, metadata: { uid: 'u1' }, count: 3, lastTimestamp: '2026-11-25T21:00:00Z' })).toMatchObject({ kind: 'failure', id: 'raw|u1-3|2026-11-25T21:00:00Z' });
    // reason + metadata, no involvedObject: a raw event (of no pod), not a malformed Event Grid event.
    expect(parseK8sEnvelope({ reason: 'Failed', metadata: { uid: 'u2' } })).toMatchObject({ kind: 'ignored', id: 'raw|u2-|' });
    // reason alone is no raw event.
    expect(parseK8sEnvelope({ reason: 'Failed' })).toMatchObject({ kind: 'malformed', reason: expect.stringMatching(/^Event Grid event /) });
    // An envelope that names involvedObject is still an envelope.
    expect(parseK8sEnvelope({ ...ce(event()), involvedObject: {} }).kind).toBe('failure');
    expect(parseK8sEnvelope({ id: 'e1', eventType: 'PullDoctor.Kubernetes.Event', subject: CLUSTER, involvedObject: {}, data: event() }).kind).toBe('failure');
  });

  it('bounds the raw event id: no uid, long uid, long count and time', () => {
    expect(parseK8sEnvelope({ ...event(), clusterName: CLUSTER })).toMatchObject({ id: 'raw|no-uid-|' });
    const long = parseK8sEnvelope({ ...event(), clusterName: CLUSTER, metadata: { uid: 'u'.repeat(200) }, count: '9'.repeat(30), lastTimestamp: 't'.repeat(60) });
    expect(long.id).toBe(`raw|${'u'.repeat(100)}-${'9'.repeat(20)}|${'t'.repeat(40)}`);
  });

  it('parses a batch one event at a time, and a single event as a batch of one', () => {
    expect(parseK8sEvents([ce(event()), 'x', ce(event({ type: 'Normal' }))]).map((e) => e.kind)).toEqual(['failure', 'malformed', 'ignored']);
    expect(parseK8sEvents(ce(event())).map((e) => e.kind)).toEqual(['failure']);
  });
});

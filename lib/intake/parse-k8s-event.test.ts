import { createHash } from 'node:crypto';
import { parseK8sEnvelope, type SenderBinding } from './parse-k8s-event';
import { authenticateSender, senderBinding } from './k8s-senders';

const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
const OTHER = CLUSTER.replace('aks-prod', 'aks-payments');
const TOPIC = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.EventGrid/topics/k8s-aks-prod';
const IMAGE = 'myacr.azurecr.io/app:v1';
const failed = (over: Record<string, unknown> = {}) => ({
  type: 'Warning',
  reason: 'Failed',
  message: `Failed to pull image "${IMAGE}": not found`,
  involvedObject: { kind: 'Pod', namespace: 'shop', name: 'web-1', fieldPath: 'spec.containers{web}' },
  ...over,
});
const eg = (data: unknown, extra: Record<string, unknown> = {}) => ({ id: 'e1', eventType: 'PullDoctor.Kubernetes.Event', subject: 'shop/web-1', data, ...extra });
const ce = (data: unknown, source = CLUSTER) => ({ specversion: '1.0', id: 'c1', source, type: 'PullDoctor.Kubernetes.Event', data });
const raw = (over: Record<string, unknown> = {}) => ({ metadata: { uid: 'u1' }, count: 2, lastTimestamp: '2026-11-25T21:00:00Z', ...failed(over) });

const UNBOUND: SenderBinding = { bound: false };
const ROUTE: SenderBinding = { bound: true, routeCluster: CLUSTER, topics: new Map() };
const TOPICS: SenderBinding = { bound: true, topics: new Map([[TOPIC.toLowerCase(), CLUSTER]]) };

describe('parseK8sEnvelope: filters, then validates', () => {
  it.each<[string, unknown, SenderBinding, string, RegExp | string]>([
    ['Normal event', eg(failed({ type: 'Normal' })), UNBOUND, 'ignored', /event type Normal/],
    ['Node event', eg(failed({ involvedObject: { kind: 'Node', name: 'n1' } })), UNBOUND, 'ignored', /not a pod event \(Node\)/],
    ['involvedObject: {}', eg(failed({ involvedObject: {} })), UNBOUND, 'ignored', /not a pod event \(no involvedObject.kind\)/],
    ['no involvedObject', eg({ type: 'Warning', reason: 'Failed', message: 'x' }), UNBOUND, 'ignored', /not a pod event/],
    ['Pod without a name', eg(failed({ involvedObject: { kind: 'Pod' } })), UNBOUND, 'malformed', /involvedObject\.name/],
    ['Pod event without a reason', eg({ type: 'Warning', message: 'x', involvedObject: { kind: 'Pod', name: 'p' } }), UNBOUND, 'malformed', /data\.reason/],
    ['reason that is not a pull failure', eg(failed({ reason: 'Unhealthy' })), UNBOUND, 'ignored', /reason Unhealthy is not a pull failure/],
    ['message naming no image', eg(failed({ message: 'Error: ErrImagePull' })), UNBOUND, 'ignored', /names no image/],
    ['data a string that is not JSON', eg('{nope'), UNBOUND, 'malformed', /data is not JSON/],
    ['data an array', eg([1]), UNBOUND, 'malformed', /not a JSON object/],
    ['data null', eg(null), UNBOUND, 'malformed', /not a JSON object/],
    ['an Azure system event type', { ...eg(failed()), eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable' }, UNBOUND, 'ignored', /not a Kubernetes event/],
    ['CloudEvent of an Azure system type', { ...ce(failed()), type: 'Microsoft.Storage.BlobCreated' }, UNBOUND, 'ignored', /not a Kubernetes event/],
    ['CloudEvent without source', { specversion: '1.0', id: 'x', type: 't' }, UNBOUND, 'malformed', /CloudEvent source/],
    ['Event Grid event without id', { eventType: 't', data: {} }, UNBOUND, 'malformed', /Event Grid event id/],
    ['not an object', 'text', UNBOUND, 'malformed', /not a JSON object/],
  ])('%s → %s', (_name, envelope, binding, kind, reason) => {
    const parsed = parseK8sEnvelope(envelope, binding);
    expect(parsed.kind).toBe(kind);
    expect('reason' in parsed ? parsed.reason : '').toMatch(reason);
  });
});

describe('parseK8sEnvelope: which cluster an event may speak for', () => {
  it.each<[string, unknown, SenderBinding, string | { kind: string; reason: RegExp }]>([
    ['unbound: data.cluster', eg(failed({ cluster: CLUSTER }), { subject: 'shop/web-1' }), UNBOUND, CLUSTER],
    ['unbound: exporter clusterName that is an AKS id', raw({ clusterName: CLUSTER }), UNBOUND, CLUSTER],
    ['unbound: clusterName that is only a name → no cluster', raw({ clusterName: 'aks-prod' }), UNBOUND, { kind: 'ignored', reason: /no cluster/ }],
    ['unbound: CloudEvent source', ce(failed()), UNBOUND, CLUSTER],
    ['unbound: Event Grid subject that is a cluster id', eg(failed(), { subject: CLUSTER }), UNBOUND, CLUSTER],
    ['unbound: subject namespace/pod → no cluster', eg(failed()), UNBOUND, { kind: 'ignored', reason: /no cluster/ }],
    ['bound route: raw body, no claim', raw(), ROUTE, CLUSTER],
    ['bound route: claim of the same cluster (other case)', raw({ clusterName: CLUSTER.toUpperCase() }), ROUTE, CLUSTER],
    ['bound route: claim of another cluster', raw({ clusterName: OTHER }), ROUTE, { kind: 'refused', reason: /names cluster aks-payments but its sender is bound to aks-prod/ }],
    ['bound route: data.cluster of another cluster', raw({ cluster: OTHER }), ROUTE, { kind: 'refused', reason: /aks-payments/ }],
    ['bound topic: Event Grid topic mapped', eg(failed(), { topic: TOPIC.toUpperCase() }), TOPICS, CLUSTER],
    ['bound topic: unmapped topic', eg(failed({ cluster: CLUSTER }), { topic: `${TOPIC}-x` }), TOPICS, { kind: 'refused', reason: /not bound to a cluster/ }],
    ['bound: CloudEvent source is no binding', ce(failed()), TOPICS, { kind: 'refused', reason: /not bound to a cluster/ }],
  ])('%s', (_name, envelope, binding, expected) => {
    const parsed = parseK8sEnvelope(envelope, binding);
    if (typeof expected === 'string') {
      expect(parsed).toMatchObject({ kind: 'failure', failure: { cluster: expected, image: IMAGE, namespace: 'shop', pod: 'web-1', container: 'web' } });
    } else {
      expect(parsed.kind).toBe(expected.kind);
      expect('reason' in parsed ? parsed.reason : '').toMatch(expected.reason);
    }
  });

  it('gives a raw event an id from its uid, count and time (a repetition is a new delivery, a redelivery is not)', () => {
    const a = parseK8sEnvelope(raw(), ROUTE);
    const again = parseK8sEnvelope(raw(), ROUTE);
    const next = parseK8sEnvelope(raw({ count: 3 }), ROUTE);
    expect(a.kind === 'failure' && a.id).toBe('raw|u1-2|2026-11-25T21:00:00Z');
    expect(again).toEqual(a);
    expect(next.kind === 'failure' && next.id).not.toBe(a.kind === 'failure' && a.id);
  });
});

describe('Kubernetes event senders', () => {
  const token = 'a-sender-token-with-enough-length';
  const senders = [
    { cluster: CLUSTER, sender: 'aks-prod', tokenSha256: createHash('sha256').update(token).digest('hex') },
    { cluster: OTHER, topic: TOPIC },
  ];
  it.each<[string, string, string | null, { ok: true; cluster: string } | { ok: false; status: number; error: RegExp }]>([
    ['right token', 'aks-prod', `Bearer ${token}`, { ok: true, cluster: CLUSTER }],
    ['wrong token', 'aks-prod', `Bearer ${token}x`, { ok: false, status: 401, error: /wrong token/ }],
    ['no header', 'aks-prod', null, { ok: false, status: 401, error: /missing Authorization/ }],
    ['not Bearer', 'aks-prod', `Basic ${token}`, { ok: false, status: 401, error: /missing Authorization/ }],
    ['too short to be a token', 'aks-prod', 'Bearer short', { ok: false, status: 401, error: /missing Authorization/ }],
    ['unknown sender', 'aks-x', `Bearer ${token}`, { ok: false, status: 404, error: /no Kubernetes event sender named "aks-x"/ }],
    ['a topic entry is no route sender', TOPIC, `Bearer ${token}`, { ok: false, status: 404, error: /no Kubernetes event sender/ }],
  ])('%s', (_name, sender, header, expected) => {
    const result = authenticateSender(senders, sender, header);
    if (expected.ok) expect(result).toEqual(expected);
    else expect(result).toMatchObject({ ok: false, status: expected.status, error: expect.stringMatching(expected.error) });
  });

  it('binds topics (lowercase) and says whether senders are configured', () => {
    expect(senderBinding(senders)).toEqual({ bound: true, topics: new Map([[TOPIC.toLowerCase(), OTHER]]) });
    expect(senderBinding([], CLUSTER)).toEqual({ bound: false, topics: new Map(), routeCluster: CLUSTER });
  });
});

import type { PullFailure } from '../model';
import { boundFailure, isController, MESSAGE_MAX_CHARS, rejectReason } from './bound-failure';

const base: PullFailure = { image: 'myacr.azurecr.io/app:v1', namespace: 'shop', pod: 'web-1', source: 'k8s-event' };

describe('boundFailure', () => {
  it.each([
    ['a good failure', { container: 'web', controller: 'Deployment/web', node: 'aks-nodepool1-12345678-vmss000000', reason: 'Failed' }, []],
    ['a 40,000-character owner', { controller: `ReplicaSet/${'x'.repeat(40_000)}` }, ['controller']],
    ['a container with a space', { container: 'web app' }, ['container']],
    ['a node with a slash', { node: 'node/../x' }, ['node']],
    ['a reason with markup', { reason: '<b>Failed</b>' }, ['reason']],
    ['an unreadable time', { lastSeen: 'yesterday' }, ['lastSeen']],
    ['a negative count', { count: -1 }, ['count']],
  ])('%s', (_what, fields, dropped) => {
    const result = boundFailure({ ...base, ...fields });
    expect(result.dropped).toEqual(dropped);
    for (const field of dropped) expect(result.failure).not.toHaveProperty(field);
  });

  it('clips a long message instead of dropping the failure', () => {
    const { failure } = boundFailure({ ...base, message: 'm'.repeat(50_000) });
    expect(failure.message!.length).toBe(MESSAGE_MAX_CHARS + 1);
  });

  it('knows the controller grammar', () => {
    expect(isController('StatefulSet/db-0')).toBe(true);
    expect(isController('Deployment/')).toBe(false);
    expect(isController('deployment/web')).toBe(false);
  });
});

describe('boundFailure at its edges', () => {
  it.each<[string, Partial<PullFailure>, string[]]>([
    ['a 64-character reason', { reason: `R${'a'.repeat(63)}` }, []],
    ['a 65-character reason', { reason: `R${'a'.repeat(64)}` }, ['reason']],
    ['a reason starting with a digit', { reason: '1Failed' }, ['reason']],
    ['a reason with a trailing newline', { reason: 'Failed\n' }, ['reason']],
    ['a 40-character time', { firstSeen: `2026-11-25T21:00:00.${'0'.repeat(19)}Z` }, []],
    ['a 41-character time (still a date, but no kubelet writes it)', { firstSeen: `2026-11-25T21:00:00.${'0'.repeat(20)}Z` }, ['firstSeen']],
    ['an unreadable first time', { firstSeen: 'soon' }, ['firstSeen']],
    ['a readable last time', { lastSeen: '2026-11-25T21:00:00Z' }, []],
    ['a count of zero', { count: 0 }, []],
    ['a fractional count', { count: 1.5 }, ['count']],
    ['a count beyond safe integers', { count: Number.MAX_SAFE_INTEGER + 1 }, ['count']],
    ['a node in capitals (VMSS)', { node: 'AKS-NODEPOOL1-12345678-VMSS000000' }, []],
    ['a controller kind in lowercase', { controller: 'replicaSet/web-1' }, ['controller']],
    ['a controller name with capitals', { controller: 'ReplicaSet/Web' }, ['controller']],
    ['a controller with a second line', { controller: 'ReplicaSet/web\nDeployment/evil' }, ['controller']],
    ['several broken fields, in field order', { lastSeen: 'x', container: 'A', count: -2, reason: '' }, ['container', 'reason', 'lastSeen', 'count']],
  ])('%s', (_what, fields, dropped) => {
    const input = { ...base, ...fields };
    const result = boundFailure(input);
    expect(result.dropped).toEqual(dropped);
    const kept = Object.fromEntries(Object.entries(input).filter(([k]) => !dropped.includes(k)));
    expect(result.failure).toEqual(kept);
  });

  it('keeps a message of exactly the limit and does not change its input', () => {
    const input = { ...base, message: 'm'.repeat(MESSAGE_MAX_CHARS), count: -1 };
    expect(boundFailure(input).failure.message).toBe(input.message);
    expect(boundFailure({ ...base, message: `${'m'.repeat(MESSAGE_MAX_CHARS)}xyz` }).failure.message).toBe(`${'m'.repeat(MESSAGE_MAX_CHARS)}…`);
    expect(input.count).toBe(-1);
  });
});

describe('rejectReason', () => {
  const CLUSTER = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
  const good: PullFailure = { ...base, cluster: CLUSTER };
  const anywhere = () => undefined;
  it.each<[string, PullFailure, string | undefined]>([
    ['a good failure', good, undefined],
    ['no cluster', { ...good, cluster: undefined }, 'no cluster id'],
    ['an empty cluster', { ...good, cluster: '' }, 'no cluster id'],
    ['a registry id as cluster', { ...good, cluster: CLUSTER.replace('Microsoft.ContainerService/managedClusters', 'Microsoft.ContainerRegistry/registries') }, 'not a valid AKS cluster id'],
    ['image text with a quote', { ...good, image: 'app"x' }, 'not a valid image reference'],
    ['a namespace in capitals', { ...good, namespace: 'Shop' }, 'not a valid namespace'],
    ['a pod name with a space', { ...good, pod: 'web 1' }, 'not a valid pod name'],
    ['no namespace and no pod (an alert row)', { ...good, namespace: undefined, pod: undefined }, undefined],
  ])('%s', (_what, failure, reason) => {
    expect(rejectReason(failure, anywhere)).toBe(reason);
  });

  it('says why a cluster is out of scope, before looking at the rest', () => {
    const seen: string[] = [];
    const outside = (cluster: string) => {
      seen.push(cluster);
      return 'cluster aks-prod is not in PULL_DOCTOR_CLUSTERS';
    };
    expect(rejectReason({ ...good, pod: 'web 1' }, outside)).toBe('cluster aks-prod is not in PULL_DOCTOR_CLUSTERS');
    expect(seen).toEqual([CLUSTER]);
  });
});

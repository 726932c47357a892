import type { PullFailure } from '../model';
import { boundFailure, isController, MESSAGE_MAX_CHARS } from './bound-failure';

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

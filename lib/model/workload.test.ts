import { owningWorkload as workloadOf } from './workload';

describe('owningWorkload', () => {
  it('names the Deployment of a ReplicaSet with a pod-template hash', () => {
    expect(workloadOf('ReplicaSet/web-7d9c5b8f6d')).toBe('Deployment/web');
    expect(workloadOf('ReplicaSet/my-api-v2-5b8d9c7f6')).toBe('Deployment/my-api-v2');
  });
  it('keeps other controllers as they are', () => {
    expect(workloadOf('StatefulSet/db')).toBe('StatefulSet/db');
    expect(workloadOf('Job/migrate-28312')).toBe('Job/migrate-28312');
    expect(workloadOf(undefined)).toBeUndefined();
  });
});

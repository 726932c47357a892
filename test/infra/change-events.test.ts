import { join } from 'node:path';
import { watchedOperations } from '../../lib/prevent/change-rules';
import { INFRA, read } from './bicep-text';

const main = read(join(INFRA, 'main.bicep'));
const changes = read(join(INFRA, 'modules', 'change-events.bicep'));

describe('Event Grid: Azure changes (issue 18)', () => {
  it('a Resource Manager system topic per resource group, delivering to the changeEvents function', () => {
    expect(changes).toMatch(/topicType: 'Microsoft\.Resources\.ResourceGroups'/);
    expect(changes).toMatch(/location: 'global'/);
    expect(changes).toMatch(/resourceId: '\$\{functionAppId\}\/functions\/\$\{functionName\}'/);
    expect(main).toMatch(/param changeEventsFunctionName string = 'changeEvents'/);
    expect(read(join(INFRA, '..', 'functions', 'change-events.ts'))).toMatch(/app\.eventGrid\('changeEvents'/);
  });

  it('filters on exactly the operations intake watches (lib/prevent/change-rules.ts)', () => {
    const values = /key: 'data\.operationName'\s*values: \[([^\]]+)\]/.exec(changes)?.[1] ?? '';
    expect([...values.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual(watchedOperations());
    // Event Grid's StringIn takes at most 25 values.
    expect(watchedOperations().length).toBeLessThanOrEqual(25);
  });

  it('retries, dead-letters, and waits for the deployed code', () => {
    expect(changes).toMatch(/retryPolicy: \{\s*maxDeliveryAttempts: \d+\s*eventTimeToLiveInMinutes: \d+\s*\}/);
    expect(changes).toMatch(/deadLetterWithResourceIdentity: \{/);
    expect(main).toMatch(/module changeEvents 'modules\/change-events\.bicep' = \[\s*for id in changeEventGroups: if \(wireTriggers\)/);
  });

  it('grants pull-doctor nothing new: receiving events needs no role assignment', () => {
    expect(changes).not.toMatch(/Microsoft\.Authorization\/roleAssignments@/);
  });
});

import path from 'node:path';
import { loadWorld, WORLDS_DIR } from './load-world';
import { queryDeniedAtWorkspace } from './query-denials';

describe('queryDeniedAtWorkspace: caller.deniedAt as Log Analytics applies it', () => {
  const world = loadWorld(path.join(WORLDS_DIR, 'realm-tag-missing-logs-denied-at-workspace.yaml'));
  const WS = world.resources.find((r) => r.type === 'Microsoft.OperationalInsights/workspaces')!;
  const customerId = String(WS.properties!['customerId']);
  const QUERY = 'Microsoft.OperationalInsights/workspaces/query/read';
  const at = (scope: string) => queryDeniedAtWorkspace({ ...world, caller: { ...world.caller, deniedAt: [{ scope, actions: [QUERY] }] } });

  it.each<[string, string, boolean]>([
    ['the workspace itself (the realm world)', WS.id, true],
    ['its resource group, in another case', WS.id.split('/providers/')[0]!.toUpperCase(), true],
    ['its subscription', WS.id.split('/resourceGroups/')[0]!, true],
    ['another resource group', `${WS.id.split('/resourceGroups/')[0]!}/resourceGroups/rg-other`, false],
  ])('a deny at %s', (_what, scope, applies) => {
    expect(at(scope)).toEqual(applies ? { [customerId]: [QUERY] } : {});
  });

  it('reads the world as written', () => {
    expect(queryDeniedAtWorkspace(world)).toEqual({ [customerId]: [QUERY] });
  });
});

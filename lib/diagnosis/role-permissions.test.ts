import {
  ACR_PULL_ACTION,
  ACR_REPOSITORY_READ_DATA_ACTION,
  actionMatches,
  conditionAllowsRepository,
  grantsAction,
  grantsDataAction,
  repositoryReadCondition,
} from './role-permissions';

describe('role permissions', () => {
  it.each([
    // role (as its permission block), expected pull in legacy mode
    ['AcrPull', { actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }, true],
    ['AcrPush', { actions: ['Microsoft.ContainerRegistry/registries/pull/read', 'Microsoft.ContainerRegistry/registries/push/write'] }, true],
    ['Reader', { actions: ['*/read'] }, true],
    ['Owner', { actions: ['*'] }, true],
    ['Contributor', { actions: ['*'], notActions: ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write'] }, true],
    ['AcrDelete', { actions: ['Microsoft.ContainerRegistry/registries/artifacts/delete'] }, false],
    ['custom deny', { actions: ['Microsoft.ContainerRegistry/*'], notActions: ['Microsoft.ContainerRegistry/registries/pull/*'] }, false],
    ['Network Contributor', { actions: ['Microsoft.Network/*'] }, false],
    ['mixed case', { actions: ['microsoft.containerregistry/REGISTRIES/pull/read'] }, true],
  ])('%s grants pull: %s', (_name, block, expected) => {
    expect(grantsAction([block], ACR_PULL_ACTION)).toBe(expected);
  });

  it('judges repository roles by data actions', () => {
    const reader = { dataActions: ['Microsoft.ContainerRegistry/registries/repositories/content/read', 'Microsoft.ContainerRegistry/registries/repositories/metadata/read'] };
    expect(grantsDataAction([reader], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(true);
    expect(grantsDataAction([{ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(false);
    expect(grantsDataAction([{ dataActions: ['*'], notDataActions: ['Microsoft.ContainerRegistry/*'] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(false);
  });

  it('treats * as any run of characters, not a regex', () => {
    expect(actionMatches('Microsoft.Container*/registries/pull/read', ACR_PULL_ACTION)).toBe(true);
    expect(actionMatches('Microsoft.ContainerRegistry/registries/pull.read', ACR_PULL_ACTION)).toBe(false);
  });

  it('reads repository conditions', () => {
    expect(conditionAllowsRepository(undefined, 'app')).toBe('yes');
    expect(conditionAllowsRepository(repositoryReadCondition('app'), 'APP')).toBe('yes');
    expect(conditionAllowsRepository(repositoryReadCondition('other'), 'app')).toBe('no');
    expect(
      conditionAllowsRepository("@Resource[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'team/'", 'team/api'),
    ).toBe('yes');
    expect(conditionAllowsRepository("@Request[something] StringEquals 'x'", 'app')).toBe('unclear');
  });
});

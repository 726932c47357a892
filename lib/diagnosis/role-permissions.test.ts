import {
  ACR_PULL_ACTION,
  ACR_REPOSITORY_READ_DATA_ACTION,
  actionMatches,
  conditionAllowsRepository,
  grantsAction,
  grantsDataAction,
  repositoryReadCondition,
} from './role-permissions';

const REPO_NAME = '@Request[Microsoft.ContainerRegistry/registries/repositories:name]';
const RESOURCE_REPO_NAME = '@Resource[Microsoft.ContainerRegistry/registries/repositories:name]';
const CONTENT = "ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}";
const METADATA = "ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}";
/** The documented shape: both read actions guarded, an expression on the repository name. */
const guarded = (expression: string) => `( ( !(${CONTENT}) AND !(${METADATA}) ) OR ( ${expression} ) )`;

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

  it('grants when any one permission block grants, not only when all do', () => {
    const pull = { actions: [ACR_PULL_ACTION] };
    const network = { actions: ['Microsoft.Network/*'] };
    expect(grantsAction([network, pull], ACR_PULL_ACTION)).toBe(true);
    expect(grantsAction([network, network], ACR_PULL_ACTION)).toBe(false);
    expect(grantsDataAction([{ dataActions: ['Microsoft.Storage/*'] }, { dataActions: [ACR_REPOSITORY_READ_DATA_ACTION] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(true);
    // A notActions entry excludes only within its own block (ARM's documented semantics).
    expect(grantsAction([{ actions: ['*'], notActions: [ACR_PULL_ACTION] }, pull], ACR_PULL_ACTION)).toBe(true);
  });

  it('judges repository roles by data actions', () => {
    const reader = { dataActions: ['Microsoft.ContainerRegistry/registries/repositories/content/read', 'Microsoft.ContainerRegistry/registries/repositories/metadata/read'] };
    expect(grantsDataAction([reader], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(true);
    expect(grantsDataAction([{ actions: ['Microsoft.ContainerRegistry/registries/pull/read'] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(false);
    expect(grantsDataAction([{ dataActions: ['*'], notDataActions: ['Microsoft.ContainerRegistry/*'] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(false);
  });

  it.each([
    ['Microsoft.Container*/registries/pull/read', ACR_PULL_ACTION, true],
    ['Microsoft.ContainerRegistry/registries/pull.read', ACR_PULL_ACTION, false],
    // Anchored at both ends: a pattern is the whole operation, never a part of it.
    ['ContainerRegistry/registries/pull/read', ACR_PULL_ACTION, false],
    ['Microsoft.ContainerRegistry/registries/pull', ACR_PULL_ACTION, false],
    ['Microsoft.ContainerRegistry/registries/pull/read', `x${ACR_PULL_ACTION}`, false],
    ['Microsoft.ContainerRegistry/registries/pull/read', `${ACR_PULL_ACTION}x`, false],
    ['*', ACR_PULL_ACTION, true],
  ])('action pattern %s matches %s: %s', (pattern, operation, expected) => {
    expect(actionMatches(pattern, operation)).toBe(expected);
  });

  // Conditions in the documented grammar (learn.microsoft.com/azure/role-based-access-control/conditions-format
  // and …/container-registry/container-registry-rbac-abac-repository-permissions).
  it.each<[string, string | undefined, string, 'yes' | 'no' | 'unclear']>([
    ['no condition: registry-wide', undefined, 'app', 'yes'],
    ['documented @Request equality (ignore case)', guarded(`${REPO_NAME} StringEqualsIgnoreCase 'shop/web'`), 'SHOP/web', 'yes'],
    ['documented @Request equality, other repository', guarded(`${REPO_NAME} StringEqualsIgnoreCase 'shop/web'`), 'app', 'no'],
    ['@Resource reads the same attribute', guarded(`${RESOURCE_REPO_NAME} StringEquals 'app'`), 'app', 'yes'],
    ['equality is not a prefix: app does not allow app2', guarded(`${REPO_NAME} StringEquals 'app'`), 'app2', 'no'],
    ['case-sensitive equality', guarded(`${REPO_NAME} StringEquals 'app'`), 'App', 'no'],
    ['prefix with the documented trailing slash', guarded(`${REPO_NAME} StringStartsWithIgnoreCase 'backend/'`), 'Backend/nginx', 'yes'],
    ['prefix excludes a sibling', guarded(`${REPO_NAME} StringStartsWithIgnoreCase 'backend/'`), 'backend-infra/k8s', 'no'],
    ['case-sensitive prefix', guarded(`${REPO_NAME} StringStartsWith 'backend/'`), 'Backend/nginx', 'no'],
    ['StringLike with * and ?', guarded(`${REPO_NAME} StringLike 'team-?/*'`), 'team-a/api', 'yes'],
    ['StringLike is anchored', guarded(`${REPO_NAME} StringLike 'team-?/*'`), 'xteam-a/api', 'no'],
    ['StringLike ? is one character', guarded(`${REPO_NAME} StringLike 'team-?/*'`), 'team-ab/api', 'no'],
    ['StringLike is case-sensitive', guarded(`${REPO_NAME} StringLike 'Team-?/*'`), 'team-a/api', 'no'],
    ['StringLikeIgnoreCase', guarded(`${REPO_NAME} StringLikeIgnoreCase 'Team-?/*'`), 'team-a/api', 'yes'],
    ['StringLike escaped * is literal', guarded(`${REPO_NAME} StringLike 'a\\*'`), 'ab', 'no'],
    ['StringNotEquals', guarded(`${REPO_NAME} StringNotEquals 'secret'`), 'app', 'yes'],
    ['StringNotStartsWith', guarded(`${REPO_NAME} StringNotStartsWith 'internal/'`), 'internal/db', 'no'],
    ['two repositories with OR (first)', guarded(`${REPO_NAME} StringEqualsIgnoreCase 'shop/web' OR ${REPO_NAME} StringEqualsIgnoreCase 'shop/api'`), 'shop/web', 'yes'],
    ['two repositories with OR (second)', guarded(`${REPO_NAME} StringEqualsIgnoreCase 'shop/web' OR ${REPO_NAME} StringEqualsIgnoreCase 'shop/api'`), 'shop/api', 'yes'],
    ['two repositories with OR (neither)', guarded(`${REPO_NAME} StringEqualsIgnoreCase 'shop/web' || ${REPO_NAME} StringEqualsIgnoreCase 'shop/api'`), 'app', 'no'],
    ['ForAnyOfAnyValues over a set', guarded(`${REPO_NAME} ForAnyOfAnyValues:StringEquals {'shop/web', 'app'}`), 'app', 'yes'],
    ['ForAnyOfAnyValues over a set, missing', guarded(`${REPO_NAME} ForAnyOfAnyValues:StringEquals {'shop/web', 'shop/api'}`), 'app', 'no'],
    ['ForAllOfAllValues needs every right value', guarded(`${REPO_NAME} ForAllOfAllValues:StringStartsWith {'shop/', 'shop/w'}`), 'shop/api', 'no'],
    ['AND of prefix and exclusion', guarded(`${REPO_NAME} StringStartsWith 'shop/' AND NOT ${REPO_NAME} StringEquals 'shop/secret'`), 'shop/secret', 'no'],
    ['AND of prefix and exclusion (allowed)', guarded(`${REPO_NAME} StringStartsWith 'shop/' && !(${REPO_NAME} StringEquals 'shop/secret')`), 'shop/web', 'yes'],
    ['a condition guarding only metadata/read leaves content/read (the pull) open', `((!(${METADATA})) OR (${REPO_NAME} StringEquals 'other'))`, 'app', 'yes'],
    ['ActionMatches with a wildcard guards content/read', `((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/*'})) OR (${REPO_NAME} StringEquals 'other'))`, 'app', 'no'],
    ['the legacy @Resource form without ActionMatches', `${RESOURCE_REPO_NAME} StringStartsWithIgnoreCase 'team/'`, 'team/api', 'yes'],
    ['the suggested fix allows its repository', repositoryReadCondition('app'), 'APP', 'yes'],
    ['the suggested fix allows nothing else', repositoryReadCondition('app'), 'app2', 'no'],
    ['another attribute cannot be evaluated', guarded(`@Request[Microsoft.ContainerRegistry/registries/repositories:tag] StringEquals 'x'`), 'app', 'unclear'],
    ['an unknown attribute does not decide when the rest does', guarded(`${REPO_NAME} StringEquals 'app' OR @Principal[x] StringEquals 'y'`), 'app', 'yes'],
    ['an unknown attribute decides nothing when the rest is false', guarded(`${REPO_NAME} StringEquals 'web' OR @Principal[x] StringEquals 'y'`), 'app', 'unclear'],
    ['a numeric operator is not evaluated', guarded(`${REPO_NAME} NumericEquals '1'`), 'app', 'unclear'],
    ['a condition that does not parse', guarded(`${REPO_NAME} StringEquals`), 'app', 'unclear'],
    ['unbalanced parentheses', `((${REPO_NAME} StringEquals 'app')`, 'app', 'unclear'],
  ])('%s', (_name, condition, repository, expected) => {
    expect(conditionAllowsRepository(condition, repository).allowed).toBe(expected);
  });

  it('says what could not be evaluated', () => {
    expect(conditionAllowsRepository(guarded(`@Principal[x] StringEquals 'y'`), 'app').reason).toMatch(/attribute x/);
    expect(conditionAllowsRepository(guarded(`${REPO_NAME} NumericEquals '1'`), 'app').reason).toMatch(/operator NumericEquals/);
    expect(conditionAllowsRepository('((', 'app').reason).toMatch(/could not parse/);
  });

  it('suggests exactly the documented condition: @Request, content/read and metadata/read', () => {
    expect(repositoryReadCondition('shop/web')).toBe(
      "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'}) AND " +
        "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'})) OR " +
        "(@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'shop/web'))",
    );
  });
});

describe('action patterns are literal apart from *', () => {
  // ARM treats every character of an action except `*` literally; a custom role's pattern may hold
  // any of them. Each pattern matches itself, and not what the same text would match as a regex.
  it.each([
    ['pull/read+', 'pull/readd'],
    ['pull/rea?d', 'pull/red'],
    ['pull/(read)', 'pull/read'],
    ['pull/read|write', 'pull/write'],
    ['pull/[rw]ead', 'pull/read'],
    ['pull/re{2}d', 'pull/reed'],
    ['pull/\\w', 'pull/r'],
    ['pull/^read', 'pull/read'],
    ['pull$/read', 'pull/read'],
    ['pull.read', 'pullxread'],
  ])('%s matches itself, not %s', (pattern, regexReading) => {
    expect(actionMatches(pattern, pattern)).toBe(true);
    expect(actionMatches(pattern, regexReading)).toBe(false);
  });

  it('lets * match any run, including none and a slash', () => {
    expect(actionMatches('Microsoft.ContainerRegistry/*/read', ACR_PULL_ACTION)).toBe(true);
    expect(actionMatches('Microsoft.ContainerRegistry/registries/pull/read*', ACR_PULL_ACTION)).toBe(true);
    expect(actionMatches('Microsoft.ContainerRegistry/*/write', ACR_PULL_ACTION)).toBe(false);
  });

  it('answers the same for a pattern seen before (the compiled pattern is reused, never shared across patterns)', () => {
    expect(actionMatches('Microsoft.Network/*', ACR_PULL_ACTION)).toBe(false);
    expect(actionMatches('Microsoft.ContainerRegistry/*', ACR_PULL_ACTION)).toBe(true);
    expect(actionMatches('Microsoft.Network/*', ACR_PULL_ACTION)).toBe(false);
    expect(actionMatches('Microsoft.ContainerRegistry/*', ACR_PULL_ACTION)).toBe(true);
  });
});

describe('blocks without some of their lists', () => {
  it('grants no action from a block that only has data actions or only exclusions', () => {
    expect(grantsAction([{ dataActions: ['*'] }], ACR_PULL_ACTION)).toBe(false);
    expect(grantsAction([{ notActions: ['Microsoft.Network/*'] }], ACR_PULL_ACTION)).toBe(false);
    expect(grantsDataAction([{ actions: ['*'] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(false);
    expect(grantsDataAction([{ dataActions: [ACR_REPOSITORY_READ_DATA_ACTION] }], ACR_REPOSITORY_READ_DATA_ACTION)).toBe(true);
  });
});

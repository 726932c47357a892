// Mutation testing of the modules that decide outcomes or trust (issue #20). Not part of `npm test`.
//   npm run mutate                       every module below, one after another in one run
//   MUTATE=classify npm run mutate       one module (comma-separate several), against its own tests
//   MUTATE=check-platform npm run mutate one check against its own tests (MUTATE=checks: every check)
// Each selection keeps its own incremental file under test/mutation/, committed, so the next run only
// re-tests mutants in code or tests that changed. Equivalent mutants are marked where they live with
// `// Stryker disable next-line <Mutator>: <reason>` (Stryker prints the reason in its report).
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const baseJestConfig = require('./jest.config.js');

/** module → the files it mutates and the tests that own them. Add a row to extend. */
const MODULES = {
  // The classifier, split so each file runs against the tests that read it (MUTATE=classify: all three). The rule
  // tables are module-level regular expressions, so every test of their row runs for each of their ~330 mutants.
  // The rule audit (test/classifier/rule-audit.test.ts) replays "drop an alternative" / "swap two rules" on the
  // tables itself, so it cannot kill those mutants and would only slow every run; it stays in `npm test`.
  'classify-rules': {
    mutate: ['lib/classify/pull-error-rules.ts', 'lib/classify/registry-wording-rules.ts', 'lib/classify/node-rules.ts', 'lib/classify/connection-rules.ts', 'lib/classify/download-rules.ts', 'lib/classify/reference-rules.ts', 'lib/classify/service-wording-rules.ts', 'lib/classify/status-rules.ts', 'lib/classify/tool-wording-rules.ts', 'lib/classify/not-found-rules.ts'],
    tests: ['test/classifier/classifier.test.ts', 'test/classifier/rule-candidates.test.ts', 'test/classifier/issue-families.test.ts', 'lib/classify/classify-pull-message.test.ts'],
  },
  'classify-logic': {
    mutate: ['lib/classify/classify-pull-message.ts', 'lib/classify/runtime-error.ts', 'lib/classify/arch-named-image.ts'],
    // Not the corpus test: its afterAll classifies every corpus batch outside any test, which makes every mutant here
    // "static" (all ~780 tests per mutant, ~1.5 h a run); the 26 mutants the unit tests left were replayed on it (and on paste-noise.test.ts) by hand: they kill none the unit tests do not.
    tests: ['lib/classify/classify-logic.test.ts', 'lib/classify/classify-pull-message.test.ts', 'lib/classify/arch-named-image.test.ts'],
  },
  'classify-noise': {
    mutate: ['lib/classify/paste-noise.ts', 'lib/classify/structural-fallback.ts', 'lib/classify/paste-sources.ts', 'lib/classify/causeless-pull.ts'],
    tests: ['lib/classify/structural-fallback.test.ts', 'test/classifier/paste-noise.test.ts', 'lib/classify/classify-logic.test.ts', 'lib/classify/paste-sources.test.ts', 'lib/classify/causeless-pull.test.ts'],
  },
  verdict: { mutate: ['lib/diagnosis/verdict.ts'], tests: ['lib/diagnosis/verdict*.test.ts'] },
  'role-permissions': { mutate: ['lib/diagnosis/role-permissions.ts'], tests: ['lib/diagnosis/role-permissions.test.ts'] },
  engine: { mutate: ['lib/diagnosis/engine.ts'], tests: ['lib/diagnosis/engine*.test.ts'] },
  'slack-verify': { mutate: ['lib/slack/verify-slack-request.ts'], tests: ['lib/slack/verify-slack-request.test.ts'] },
  authz: { mutate: ['lib/authz/**/*.ts'], tests: ['lib/authz/**/*.test.ts'] },
  // The intake parsers, split so each file runs against the tests that read it (their regexes are
  // module-level, so every test in a row runs for each of their mutants). MUTATE=intake-parsers: all four.
  'intake-names': {
    mutate: ['lib/intake/names.ts', 'lib/intake/bound-failure.ts'],
    tests: ['lib/intake/names*.test.ts', 'lib/intake/bound-failure.test.ts', 'lib/intake/parsers-lowercase-ids.test.ts'],
  },
  'intake-alert': {
    mutate: ['lib/intake/parse-alert.ts', 'lib/intake/alert-schema.ts', 'lib/intake/alert-ownership.ts'],
    tests: ['lib/intake/parse-alert*.test.ts', 'lib/intake/parsers*.test.ts', 'lib/intake/alert-ownership.test.ts'],
  },
  'intake-k8s-event': { mutate: ['lib/intake/parse-k8s-event.ts'], tests: ['lib/intake/parse-k8s-event*.test.ts', 'lib/intake/parsers.test.ts'] },
  'intake-acr-event': { mutate: ['lib/intake/parse-acr-event.ts'], tests: ['lib/intake/parse-acr-event*.test.ts', 'lib/intake/parsers.test.ts'] },
  'egress-policy': {
    mutate: ['lib/registry/egress-policy.ts', 'lib/registry/diagnosis-registries.ts'],
    tests: ['lib/registry/egress-policy*.test.ts', 'lib/registry/diagnosis-registries.test.ts'],
  },
};

// One row per check (`MUTATE=check-pull-permission`). A check's table test diagnoses sandbox worlds
// (seconds per mutant, hours per check), so when the check has a facts-only test beside it
// (`<check>-logic.test.ts`: the check's run() on hand-built facts, no server) the row runs that
// alone; the world tables still run in `npm test`. Without one, the row falls back to every test of the check.
const CHECKS_DIR = 'lib/diagnosis/checks';
const checkFiles = readdirSync(CHECKS_DIR);
// Decision helpers a check alone calls, mutated in that check's row (its logic test decides through them).
const CHECK_HELPERS = {
  'pull-permission': ['lib/diagnosis/deny-assignments.ts', 'lib/diagnosis/group-grants.ts', 'lib/diagnosis/misplaced-grants.ts'],
  platform: ['lib/diagnosis/windows-build.ts', 'lib/diagnosis/aks-node-name.ts', 'lib/diagnosis/platform-fallback.ts'],
  cluster: ['lib/diagnosis/kubelet-identity.ts'],
  'repository-tag': ['lib/diagnosis/artifact-cache.ts', 'lib/diagnosis/sibling-registries.ts'],
  'private-endpoint': ['lib/diagnosis/orphan-endpoints.ts'],
  'network-rules': ['lib/diagnosis/pool-egress.ts'],
  'node-egress': ['lib/diagnosis/nsg-rules.ts', 'lib/diagnosis/firewall-rules.ts', 'lib/diagnosis/egress-fixes.ts', 'lib/diagnosis/egress-path.ts', 'lib/diagnosis/registry-endpoints.ts', 'lib/diagnosis/service-tags.ts'],
};
for (const file of checkFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'docs.ts')) {
  const name = file.replace(/\.ts$/, '');
  const logicTest = `${name}-logic.test.ts`;
  // `<check>-logic-<part>.test.ts` files (the logic test split to stay under 300 lines) run with it.
  const tests = checkFiles.includes(logicTest) ? [`${CHECKS_DIR}/${name}-logic*.test.ts`] : [`${CHECKS_DIR}/${name}*.test.ts`];
  const helpers = CHECK_HELPERS[name] ?? [];
  // A helper's own table test runs in the row too, when it has one.
  const helperTests = helpers.map((helper) => helper.replace(/\.ts$/, '.test.ts')).filter((test) => existsSync(test));
  MODULES[`check-${name}`] = { mutate: [`${CHECKS_DIR}/${file}`, ...helpers], tests: [...tests, ...helperTests] };
}
/** Names that stand for several rows. */
const GROUPS = {
  classify: Object.keys(MODULES).filter((name) => name.startsWith('classify-')),
  checks: Object.keys(MODULES).filter((name) => name.startsWith('check-')),
  'intake-parsers': Object.keys(MODULES).filter((name) => name.startsWith('intake-')),
};

const asked = (process.env.MUTATE ?? '').split(',').map((name) => name.trim()).filter(Boolean);
const requested = asked.flatMap((name) => GROUPS[name] ?? [name]);
const unknownNames = requested.filter((name) => !(name in MODULES));
if (unknownNames.length > 0) {
  throw new Error(`MUTATE names unknown module(s) ${unknownNames.join(', ')}; choose from: ${[...Object.keys(GROUPS), ...Object.keys(MODULES)].join(', ')}`);
}
const selected = requested.length > 0 ? [...new Set(requested)] : Object.keys(MODULES);
const rows = selected.map((name) => MODULES[name]);

// The TypeScript checker type-checks only the selected modules, their tests and what they import,
// not the whole project: on a shared 2-core machine that is minutes instead of tens of minutes.
const CHECKER_TSCONFIG = 'test/mutation/tsconfig.generated.json';
writeFileSync(
  CHECKER_TSCONFIG,
  `${JSON.stringify({ extends: '../../tsconfig.json', include: rows.flatMap((row) => [...row.mutate, ...row.tests]).map((glob) => `../../${glob}`) }, null, 2)}\n`,
);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    config: { ...baseJestConfig, roots: ['<rootDir>'], testMatch: rows.flatMap((row) => row.tests.map((glob) => `<rootDir>/${glob}`)) },
    enableFindRelatedTests: false,
  },
  checkers: ['typescript'],
  tsconfigFile: CHECKER_TSCONFIG,
  coverageAnalysis: 'perTest',
  mutate: [...rows.flatMap((row) => row.mutate), '!**/*.test.ts'],
  incremental: true,
  incrementalFile: `test/mutation/incremental-${asked.length === 0 ? 'all' : asked.join('+')}.json`,
  // The machine is shared: two cores at most.
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, reportScoreTable: true, reportMutants: true, maxTestsToLog: 0 },
  thresholds: { high: 85, low: 70, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};

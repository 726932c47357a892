import { EXIT } from '../../lib/cli/command';
import { runCli } from '../../lib/cli/main';
import { isImageText } from '../../lib/intake/names';
import { captureIO } from '../helpers/cli-io';
import { deepJson, HOMOGLYPH_HOSTS, INJECTION_STRINGS, LONG_ARM_ID, ODD_STRINGS, SEED, seededRandom } from './hostile-inputs';
import { TEST_SECRETS, Violations } from './robustness-kit';

/**
 * `runCli` never throws, and bad arguments are usage errors (exit 3) with the reason on stderr.
 * Every case that could reach an engine names a sandbox world, so nothing leaves 127.0.0.1.
 */
const HOSTILE = [...INJECTION_STRINGS, ...HOMOGLYPH_HOSTS, ...ODD_STRINGS.filter((s) => s !== ''), LONG_ARM_ID, 'x'.repeat(100_000), '-', '--', '--json', '-n'];
const ENV = { ...TEST_SECRETS, AZURE_CLIENT_SECRET: 'robustness-client-secret-77aa' };

/** usage: exit 3; usage-or-ok: 3, or 0 when the input holds nothing to check; any: no throw, a known exit code. */
async function run(violations: Violations, argv: string[], expected: 'usage' | 'usage-or-ok' | 'any', stdin = ''): Promise<void> {
  const name = JSON.stringify(argv.map((a) => (a.length > 40 ? `${a.slice(0, 40)}…(${a.length})` : a)));
  const c = captureIO(stdin, ENV);
  let code: number;
  try {
    code = await runCli(argv, c.io);
  } catch (error) {
    violations.add(name, `threw ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (!(Object.values(EXIT) as number[]).includes(code)) violations.add(name, `exit ${code}`);
  if (expected === 'usage' && code !== EXIT.usage) violations.add(name, `exit ${code}, expected ${EXIT.usage}: ${c.err().slice(0, 160)}`);
  if (expected === 'usage-or-ok' && code !== EXIT.usage && !(code === EXIT.ok && /No container images/.test(c.out()))) violations.add(name, `exit ${code}: ${c.err().slice(0, 160)}`);
  if (code === EXIT.usage && !/\S/.test(c.err())) violations.add(name, 'usage error without a message');
  const printed = `${c.out()}\n${c.err()}`;
  for (const secret of Object.values(ENV)) if (printed.includes(secret)) violations.add(name, 'a secret from the environment was printed');
}

describe('runCli never throws; bad arguments exit 3', () => {
  const random = seededRandom(SEED + 2);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  it('unknown commands and flags, hostile command names', async () => {
    const violations = new Violations();
    await run(violations, [], 'usage');
    for (const h of HOSTILE) await run(violations, [h], 'usage');
    for (const command of ['diagnose', 'preflight', 'demo', 'classify', 'parse-image', 'incidents']) {
      await run(violations, [command, '--frobnicate'], 'usage');
      await run(violations, [command, `--${pick(HOSTILE).slice(0, 30)}`, 'x'], 'usage');
    }
    expect(violations.summary()).toEqual([]);
  });

  it('diagnose: hostile names in every name flag (on the sandbox) are usage errors', async () => {
    const violations = new Violations();
    const flags = ['--namespace', '--pod', '--container', '--cluster', '--subscription', '--controller', '--image'];
    for (const flag of flags) {
      for (const value of [...INJECTION_STRINGS, ...ODD_STRINGS.filter((s) => s.trim() && !/^[\w.-]+$/u.test(s)), LONG_ARM_ID, HOMOGLYPH_HOSTS[0]]) {
        // --cluster/--subscription: a cluster id or rg/name that does not match the grammars is refused before any lookup.
        const argv = ['diagnose', '--world', 'healthy', flag, value, ...(flag === '--subscription' ? ['--cluster', 'rg-aks-prod/aks-prod'] : [])];
        // An image that is text without spaces, quotes or control/format characters reaches the engine, which
        // diagnoses an unparsable reference (InvalidImageName); anything else is refused by the CLI.
        await run(violations, argv, flag === '--image' && isImageText(value) ? 'any' : 'usage');
      }
    }
    expect(violations.summary()).toEqual([]);
  }, 20_000);

  it('classify and parse-image: hostile text never throws', async () => {
    const violations = new Violations();
    for (const h of HOSTILE) {
      await run(violations, ['classify', h], 'any');
      await run(violations, ['classify', '--json', '--reason', h, 'Failed to pull image'], 'any');
      await run(violations, ['parse-image', h], 'any');
      await run(violations, ['parse-image', '--json', '--acr', h, 'myacr.azurecr.io/app:v1'], 'any');
    }
    await run(violations, ['classify', '-'], 'any', 'x'.repeat(1024 * 1024));
    expect(violations.summary()).toEqual([]);
  });

  it('preflight: hostile manifests on stdin and hostile file names are usage errors', async () => {
    const violations = new Violations();
    const manifests = [
      '',
      ':',
      '{',
      '[',
      'null',
      '- - - -',
      deepJson(10_000, 'array'),
      deepJson(2_000, 'object'),
      // Billion laughs: aliases multiplying one value.
      `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
      'apiVersion: v1\nkind: Pod\nmetadata: { name: "x\' | where 1==1" }\nspec: { containers: [{ name: web, image: 42 }] }',
      'apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec: { containers: "not a list" }',
      '!!js/function "function(){ return 1 }"',
      '\u0000\u0000',
      ...INJECTION_STRINGS.flatMap((h) => [
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: ${JSON.stringify(h)}, namespace: shop }\nspec: { template: { spec: { containers: [{ name: web, image: myacr.azurecr.io/app:v1 }] } } }`,
        `apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: ${JSON.stringify(h)} }\nspec: { containers: [{ name: web, image: myacr.azurecr.io/app:v1 }] }`,
        `apiVersion: v1\nkind: Pod\nmetadata: { name: web }\nspec: { containers: [{ name: ${JSON.stringify(h)}, image: myacr.azurecr.io/app:v1 }] }`,
      ]),
    ];
    for (const m of manifests) await run(violations, ['preflight', '--world', 'healthy', '-f', '-'], 'usage-or-ok', m);
    for (const h of [...INJECTION_STRINGS.slice(0, 6), '/nonexistent/manifest.yaml', '/proc/self/mem', '/']) await run(violations, ['preflight', '--world', 'healthy', '-f', h], 'usage');
    expect(violations.summary()).toEqual([]);
  }, 20_000);

  it('demo and incidents: hostile worlds and statuses are usage errors', async () => {
    const violations = new Violations();
    for (const h of [...INJECTION_STRINGS.slice(0, 6), '../../../../etc/passwd', '/etc/hostname', 'no-such-world']) {
      await run(violations, ['demo', '--world', h, '--quiet', '--no-png', '--out', '/tmp/pull-doctor-robustness'], 'usage');
      await run(violations, ['incidents', '--status', h], 'usage');
    }
    expect(violations.summary()).toEqual([]);
  });
});

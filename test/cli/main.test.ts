import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../lib/cli/command';
import { colorEnabled } from '../../lib/cli/color';
import { packageVersion, runCli } from '../../lib/cli/main';
import { closest } from '../../lib/cli/suggest';
import { captureIO } from '../helpers/cli-io';

const ROOT = join(__dirname, '..', '..');

describe('pull-doctor (dispatch)', () => {
  it('--version prints the package version and exits 0', async () => {
    const c = captureIO();
    expect(await runCli(['--version'], c.io)).toBe(EXIT.ok);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(c.out()).toMatch(new RegExp(`^pull-doctor ${version.replace(/\./g, '\\.')} \\(node v\\d+`));
    expect(packageVersion()).toBe(version);
  });

  it.each([
    ['diagnoes', 'diagnose'],
    ['prefligt', 'preflight'],
    ['clasify', 'classify'],
    ['incident', 'incidents'],
  ])('an unknown command %s suggests %s (exit 3)', async (typed, meant) => {
    const c = captureIO();
    expect(await runCli([typed], c.io)).toBe(EXIT.usage);
    expect(c.err()).toContain(`unknown command "${typed}" — did you mean "${meant}"?`);
  });

  it('a command nothing resembles gets no suggestion, only the list', async () => {
    const c = captureIO();
    expect(await runCli(['frobnicate'], c.io)).toBe(EXIT.usage);
    expect(c.err()).not.toContain('did you mean');
    expect(c.err()).toContain('parse-image');
  });

  it.each([
    [['diagnose', '--world', 'healthy', '--clustr', 'x'], '--cluster'],
    [['diagnose', '--world', 'healthy', '--namepsace', 'x'], '--namespace'],
    [['preflight', '--fiel', 'x.yaml'], '--file'],
    [['parse-image', '--acrr', 'x', 'nginx'], '--acr'],
  ])('%j suggests %s (exit 3)', async (argv, meant) => {
    const c = captureIO();
    expect(await runCli(argv, c.io)).toBe(EXIT.usage);
    expect(c.err()).toContain(`did you mean ${meant}?`);
  });

  it('an unexpected exception exits 4 (internal error), not 2 (could not decide)', async () => {
    const c = captureIO();
    c.io.readStdin = () => Promise.reject(new Error('standard input vanished'));
    expect(await runCli(['classify', '-'], c.io)).toBe(EXIT.internal);
    expect(c.err()).toMatch(/^pull-doctor classify: internal error: standard input vanished\n\s+at /);
  });

  it('help lists every command and the exit codes', async () => {
    const c = captureIO();
    expect(await runCli(['help'], c.io)).toBe(EXIT.ok);
    for (const name of ['diagnose', 'preflight', 'why', 'demo', 'classify', 'parse-image', 'incidents']) expect(c.out()).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(c.out()).toMatch(/4 internal error/);
  });

  it('every command usage documents its exit codes and loads', async () => {
    for (const name of ['diagnose', 'preflight', 'why', 'demo', 'classify', 'parse-image', 'incidents']) {
      const c = captureIO();
      expect(await runCli([name, '--help'], c.io)).toBe(EXIT.ok);
      expect(c.out()).toMatch(/Exit: .*\b0\b|Exit: 1/);
      expect(c.out()).toMatch(/4 internal error/);
    }
  });
});

describe('colour', () => {
  it.each([
    [true, { TERM: 'xterm-256color' }, true],
    [true, { TERM: 'xterm-256color', NO_COLOR: '1' }, false],
    [true, { TERM: 'xterm-256color', NODE_DISABLE_COLORS: '1' }, false],
    [true, { TERM: 'dumb' }, false],
    [false, { TERM: 'xterm-256color' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [true, { TERM: 'xterm-256color', FORCE_COLOR: '0' }, false],
  ])('stdout TTY %s, env %j → colour %s', (isTTY, env, expected) => {
    expect(colorEnabled(isTTY, env)).toBe(expected);
  });

  it('diagnose colours through util.styleText only when asked', async () => {
    const coloured = captureIO();
    coloured.io.color = true;
    await runCli(['diagnose', '--world', 'acr-not-attached'], coloured.io);
    expect(coloured.out()).toContain('\x1b[31m');
    const plain = captureIO();
    await runCli(['diagnose', '--world', 'acr-not-attached'], plain.io);
    expect(plain.out()).not.toContain('\x1b[');
  }, 30_000);
});

describe('did-you-mean', () => {
  it.each([
    ['diagnoes', ['diagnose', 'demo'], 'diagnose'],
    ['--jsn', ['--json', '--world'], '--json'],
    ['x', ['diagnose'], undefined],
    ['--frobnicate', ['--file', '--cluster'], undefined],
  ])('%s among %j → %s', (typed, candidates, expected) => {
    expect(closest(typed, candidates)).toBe(expected);
  });
});

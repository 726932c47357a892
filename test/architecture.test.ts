import fs from 'node:fs';
import path from 'node:path';

/**
 * The shape agreed in DESIGN.md, kept by a test: functions/ only registers triggers, nothing in
 * lib/ imports @azure/functions, settings are read in one place, and files stay small.
 */
const ROOT = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return sources(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

const lib = sources('lib');
const functions = sources('functions');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

describe('architecture', () => {
  it('finds the code it checks', () => {
    expect(lib.length).toBeGreaterThan(100);
    expect(functions.length).toBeGreaterThan(5);
  });

  it('nothing in lib/ imports @azure/functions', () => {
    expect(lib.filter((f) => /from '@azure\/functions'|require\('@azure\/functions'\)/.test(read(f)))).toEqual([]);
  });

  it('process.env is read only at the edges (settings, composition root, CLI, telemetry start)', () => {
    const allowed = new Set(['lib/config/settings.ts', 'lib/app/create-services.ts', 'lib/cli/main.ts', 'lib/telemetry/telemetry.ts']);
    expect(lib.filter((f) => /process\.env/.test(read(f).replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')) && !allowed.has(f))).toEqual([]);
  });

  it('functions/ stay thin trigger registrations', () => {
    expect(functions.filter((f) => read(f).split('\n').length > 60)).toEqual([]);
  });

  it('no source file over 300 lines', () => {
    expect([...lib, ...functions].filter((f) => read(f).split('\n').length > 300)).toEqual([]);
  });

  it('every check has a table test beside it and a line in the check list', () => {
    const checks = fs.readdirSync(path.join(ROOT, 'lib/diagnosis/checks')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'docs.ts');
    const list = read('lib/diagnosis/check-list.ts');
    for (const c of checks) {
      expect(fs.existsSync(path.join(ROOT, 'lib/diagnosis/checks', c.replace(/\.ts$/, '.test.ts')))).toBe(true);
      expect(list).toContain(`./checks/${c.replace(/\.ts$/, '')}'`);
    }
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseSecretsOutput } from './parse-output';
import { secretsScript } from './scripts';

// The secrets script run by a real POSIX sh against a stand-in kubectl that answers as the API
// server would (jsonpath, go-template base64decode), so what the command pod prints is tested, not assumed.
const APP_ID = '88888888-8888-4888-8888-888888888888';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const CONFIGS: Record<string, string> = {
  // kubectl create secret docker-registry: username, password and auth.
  'acr-sp': JSON.stringify({ auths: { 'myacr.azurecr.io': { username: APP_ID.toUpperCase(), password: 'pw-acr-sp-0001', auth: b64(`${APP_ID}:pw-acr-sp-0001`) } } }),
  // a docker login config.json copy: auth only, whose user part is a GUID.
  'auth-only': JSON.stringify({ auths: { 'https://otheracr.azurecr.io/v2/': { auth: b64('aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee:pw-auth-only-0002') } } }),
  // a person's username: never printed.
  personal: JSON.stringify({ auths: { 'https://index.docker.io/v1/': { username: 'octocat', password: 'pw-personal-0003', auth: b64('octocat:pw-personal-0003') } } }),
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-kubectl-'));
  const cases = Object.entries(CONFIGS)
    .map(([name, cfg]) => `    *"secret -n shop ${name} -o go-template"*) printf '%s' '${cfg}' ;;\n    *"secret -n shop ${name} -o jsonpath"*) printf 'kubernetes.io/dockerconfigjson' ;;`)
    .join('\n');
  writeFileSync(
    path.join(dir, 'kubectl'),
    `#!/bin/sh\ncase "$*" in\n    *"get pod -n shop web-1 "*) printf 'acr-sp auth-only personal gone' ;;\n${cases}\n    *"secret -n shop gone "*) echo 'Error from server (NotFound): secrets "gone" not found' >&2; exit 1 ;;\n    *) echo "unexpected: $*" >&2; exit 2 ;;\nesac\n`,
  );
  chmodSync(path.join(dir, 'kubectl'), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets script in a real shell', () => {
  it('prints hosts, types and GUID usernames (appIds) only — never another username, a password or an auth value', () => {
    const out = execFileSync('sh', ['-c', secretsScript({ namespace: 'shop', pod: 'web-1' }).text], { env: { PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
    expect(out).not.toMatch(/pw-|octocat|"auth"/);
    for (const cfg of Object.values(CONFIGS)) for (const auth of [...cfg.matchAll(/"auth":"([^"]+)"/g)].map((m) => m[1])) expect(out).not.toContain(auth);
    const parsed = parseSecretsOutput(out);
    expect(parsed.pod).toBe('ok');
    expect(parsed.imagePullSecrets).toEqual(['acr-sp', 'auth-only', 'personal', 'gone']);
    expect(parsed.secrets).toEqual([
      { name: 'acr-sp', status: 'found', type: 'kubernetes.io/dockerconfigjson', hosts: ['myacr.azurecr.io'], username: 'guid', appIds: [APP_ID] },
      { name: 'auth-only', status: 'found', type: 'kubernetes.io/dockerconfigjson', hosts: ['otheracr.azurecr.io'], username: 'guid', appIds: ['aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee'] },
      { name: 'personal', status: 'found', type: 'kubernetes.io/dockerconfigjson', hosts: ['index.docker.io'], username: 'other', appIds: [] },
      { name: 'gone', status: 'notfound', hosts: [], appIds: [] },
    ]);
    expect(parsed.ignoredLines).toBe(0);
  });
});

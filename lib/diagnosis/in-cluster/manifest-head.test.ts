import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manifestHeadShell, parseManifestHead } from './manifest-head';

// The probe pod's manifest HEAD script run by a real POSIX sh. Stand-ins for curl and jq answer as
// IMDS and ACR would (and record what they were asked), so the order of the steps, what is sent
// where, and that no token is ever printed are tested on the script itself.
const DIGEST = `sha256:${'ab'.repeat(32)}`;
const TOKENS = { aad: 'aad-token-0001', refresh: 'refresh-token-0002', access: 'access-token-0003' };

let dir: string;
function run(manifestStatus: string, exchangeStatus = '200'): { out: string; calls: string } {
  const calls = path.join(dir, 'calls');
  writeFileSync(calls, '');
  const curl = `#!/bin/sh
out=''; hdr=''; url=''; all="$*"
while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift;; -D) hdr="$2"; shift;; http*) url="$1";; esac; shift; done
echo "$all" >> '${calls}'
case "$url" in
  *169.254.169.254*) printf '{"access_token":"${TOKENS.aad}","token_type":"Bearer"}' ;;
  */oauth2/exchange) if [ '${exchangeStatus}' = 200 ]; then printf '{"refresh_token":"${TOKENS.refresh}"}' > "$out"; else printf '{"errors":[{"code":"UNAUTHORIZED"}]}' > "$out"; fi; printf '%s' '${exchangeStatus}' ;;
  */oauth2/token) printf '{"access_token":"${TOKENS.access}"}' > "$out"; printf 200 ;;
  */manifests/*) if [ '${manifestStatus}' = 200 ]; then printf 'HTTP/1.1 200 OK\\r\\nDocker-Content-Digest: ${DIGEST}\\r\\n\\r\\n' > "$hdr"; else printf 'HTTP/1.1 ${manifestStatus}\\r\\n\\r\\n' > "$hdr"; fi; printf '%s' '${manifestStatus}' ;;
esac
`;
  // jq -r '.<field> // empty' [file]: the one form the script uses.
  const jq = `#!/bin/sh
field=$(printf '%s' "$2" | sed 's/^\\.\\([A-Za-z_]*\\).*/\\1/')
if [ -n "$3" ]; then cat "$3"; else cat; fi | grep -o "\\"$field\\":\\"[^\\"]*\\"" | sed 's/.*:"\\(.*\\)"$/\\1/'
`;
  writeFileSync(path.join(dir, 'curl'), curl);
  writeFileSync(path.join(dir, 'jq'), jq);
  chmodSync(path.join(dir, 'curl'), 0o755);
  chmodSync(path.join(dir, 'jq'), 0o755);
  const script = manifestHeadShell({ host: 'myacr.azurecr.io', repository: 'team/app', reference: 'v1.2' }).replaceAll('/tmp/', `${dir}/`);
  const out = execFileSync('sh', ['-c', script], { env: { PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
  return { out, calls: execFileSync('cat', [calls], { encoding: 'utf8' }) };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pull-doctor-head-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('manifest HEAD script in a real shell', () => {
  it('exchanges, asks for a pull token, HEADs the exact manifest, and prints status codes and the digest only', () => {
    const { out, calls } = run('200');
    for (const t of Object.values(TOKENS)) expect(out).not.toContain(t);
    expect(parseManifestHead(out)).toEqual({ identity: 'ok', exchange: 200, token: 200, manifest: 200, digest: DIGEST });
    const lines = calls.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`access_token=${TOKENS.aad}`);
    expect(lines[1]).toMatch(/https:\/\/myacr\.azurecr\.io\/oauth2\/exchange$/);
    expect(lines[2]).toContain('scope=repository:team/app:pull');
    expect(lines[2]).toContain(`refresh_token=${TOKENS.refresh}`);
    expect(lines[3]).toMatch(/-I .*Authorization: Bearer access-token-0003 .*Accept: application\/vnd\.oci\.image\.index\.v1\+json.* https:\/\/myacr\.azurecr\.io\/v2\/team\/app\/manifests\/v1\.2$/);
  });

  it('stops after a refused exchange, and reports a missing manifest without a digest', () => {
    expect(parseManifestHead(run('200', '401').out)).toEqual({ identity: 'ok', exchange: 401 });
    expect(parseManifestHead(run('404').out)).toEqual({ identity: 'ok', exchange: 200, token: 200, manifest: 404 });
  });
});

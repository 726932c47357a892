import path from 'node:path';
import { startSandboxEngine } from '../../sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../sandbox/load-world';
import type { World } from '../../sandbox/world-schema';
import type { Diagnosis } from '../../model';
import { InvalidNameError } from '../../intake/names';
import type { InClusterCommandLog, InClusterMode } from './in-cluster-access';
import { normaliseAuthHost, parseDnsOutput, parseProbeOutput, parseSecretsOutput } from './parse-output';
import { dnsScript, probeScript, scriptHeader, secretsScript } from './scripts';

const world = loadWorld(path.join(WORLDS_DIR, 'pull-secret-missing.yaml'));
const spWorld = loadWorld(path.join(WORLDS_DIR, 'pull-secret-sp-expired.yaml'));
const IN_CLUSTER = ['pull-secret', 'in-cluster-dns', 'node-pull'];
const RUN_COMMAND = /\/runCommand|\/commandResults\//i;

async function diagnose(w: World, mode: InClusterMode): Promise<{ diagnosis: Diagnosis; paths: string[]; graphPaths: string[]; commands: InClusterCommandLog[] }> {
  const commands: InClusterCommandLog[] = [];
  const running = await startSandboxEngine(w, { checkTimeoutMs: 8000, inCluster: { mode, pollIntervalMs: 5, onCommand: (c) => commands.push(c) } });
  try {
    const diagnosis = await running.engine.diagnose(w.failure);
    const log = running.sandbox.requestLog;
    return { diagnosis, paths: log.entries('arm').map((e) => `${e.method} ${e.path}`), graphPaths: log.entries('graph').map((e) => e.path), commands };
  } finally {
    await running.stop();
  }
}

const comparable = (d: Diagnosis) => ({ findings: d.findings.map(({ durationMs: _d, ...f }) => f), verdict: d.verdict, classification: d.classification });

describe('PULL_DOCTOR_IN_CLUSTER', () => {
  it('off: no in-cluster check runs, no Run Command request reaches ARM, and the diagnosis equals the one without a cluster section', async () => {
    const off = await diagnose(world, 'off');
    const { cluster: _c, ...withoutCluster } = world;
    const plain = await diagnose(withoutCluster as World, 'off');
    expect(off.paths.filter((p) => RUN_COMMAND.test(p))).toEqual([]);
    expect(off.commands).toEqual([]);
    expect(off.diagnosis.findings.map((f) => f.checkId).filter((id) => IN_CLUSTER.includes(id))).toEqual([]);
    expect(comparable(off.diagnosis)).toEqual(comparable(plain.diagnosis));
  }, 30_000);

  it('off: no Microsoft Graph request either, even when the pod\'s secret is a service principal\'s', async () => {
    const off = await diagnose(spWorld, 'off');
    expect(off.graphPaths).toEqual([]);
    const read = await diagnose(spWorld, 'read');
    expect(read.graphPaths).toHaveLength(2);
  }, 30_000);

  it('read: POST runCommand, then polls commandResults (202 then 200), and logs each script', async () => {
    const read = await diagnose(world, 'read');
    expect(read.paths.filter((p) => /^POST .*\/managedClusters\/aks-prod\/runCommand\?api-version=/.test(p))).toHaveLength(2);
    expect(read.paths.filter((p) => /^GET .*\/managedClusters\/aks-prod\/commandResults\/[0-9a-f]{32}\?/.test(p)).length).toBeGreaterThanOrEqual(4);
    expect(read.commands.map((c) => c.purpose).sort()).toEqual(['dns', 'secrets']);
    expect(read.commands.every((c) => c.provisioningState === 'succeeded' && c.command.startsWith('# pull-doctor '))).toBe(true);
    // probe needs mode probe: no canipull pod in read mode
    expect(read.diagnosis.findings.some((f) => f.checkId === 'node-pull')).toBe(false);
  }, 30_000);
});

describe('the verdict when every Azure check passes but the kubelet says auth', () => {
  it.each([
    ['pull-secret-missing', 'cause_found', /secret acr-pull does not exist in namespace shop/],
    ['pull-secret-other-host', 'cause_found', /secret regcred is for otheracr\.azurecr\.io, not myacr\.azurecr\.io/],
    ['run-command-denied', 'undecided', /pull-secret: could not read the imagePullSecrets of shop\/web-7d9c5b8f6d-x2k8p: .*managedClusters\/runCommand\/action/],
    ['node-pull-failing', 'cause_found', /test pull from node pool userpool also fails/],
    ['pull-secret-sp-expired', 'cause_found', /secret acr-sp authenticates as service principal aks-pull-sp \(88888888-8888-4888-8888-888888888888\), whose client secrets all expired/],
    ['pull-secret-sp-expiring', 'cause_found', /secret acr-sp authenticates as service principal aks-pull-sp .*expires on .*if acr-sp holds that one, the registry refuses it/],
    ['pull-secret-sp-graph-denied', 'undecided', /pull-secret: secret acr-sp uses service principal 88888888-8888-4888-8888-888888888888; its client secret expiry could not be read from Microsoft Graph \(403 Authorization_RequestDenied\) — pull-doctor's identity needs Application\.Read\.All/],
  ])('%s: %s, naming the secret and its problem or what could not be read', async (name, outcome, summary) => {
    const w = loadWorld(path.join(WORLDS_DIR, `${name}.yaml`));
    const { diagnosis } = await diagnose(w, w.cluster!.mode);
    expect(diagnosis.findings.filter((f) => f.checkId === 'pull-permission').map((f) => f.status)).toEqual(['pass']);
    expect({ outcome: diagnosis.verdict.outcome, summary: diagnosis.verdict.summary }).toEqual({ outcome, summary: expect.stringMatching(summary) });
  }, 30_000);
});

describe('in-cluster scripts', () => {
  it('are built only from valid Kubernetes names and registry hosts', () => {
    expect(() => secretsScript({ namespace: 'shop; kubectl get secrets -A', pod: 'web' })).toThrow(InvalidNameError);
    expect(() => secretsScript({ namespace: 'shop', pod: "web'$(id)'" })).toThrow(InvalidNameError);
    expect(() => dnsScript({ hosts: ['myacr.azurecr.io`reboot`'] })).toThrow(InvalidNameError);
    expect(() => probeScript({ nodePool: 'userpool', loginServer: 'myacr.azurecr.io', podName: 'evil', repository: 'app', reference: 'v1' })).toThrow(InvalidNameError);
    expect(() => probeScript({ nodePool: 'userpool', loginServer: 'myacr.azurecr.io', podName: 'pull-doctor-canipull-1', repository: "app';id;'", reference: 'v1' })).toThrow(InvalidNameError);
    expect(() => probeScript({ nodePool: 'userpool', loginServer: 'myacr.azurecr.io', podName: 'pull-doctor-canipull-1', repository: 'app', reference: 'v1$(id)' })).toThrow(InvalidNameError);
    const s = secretsScript({ namespace: 'shop', pod: 'web-1' });
    expect(scriptHeader(s.text)).toEqual({ purpose: 'secrets', params: { namespace: 'shop', pod: 'web-1' } });
  });

  it('never print a credential: what the secrets script prints interpolates only names, type, hosts and GUID-filtered usernames', () => {
    const text = secretsScript({ namespace: 'shop', pod: 'web-1' }).text;
    const printed = text.split('\n').filter((l) => /\becho "/.test(l));
    const vars = new Set(printed.flatMap((l) => [...l.matchAll(/\$\{?([a-z]+)/g)].map((m) => m[1])));
    expect([...vars].sort()).toEqual(['apps', 'hosts', 'names', 's', 'stype', 'user']);
    // apps holds only lines that are exactly a GUID; $user only ever one of three literals.
    expect(text).toMatch(/apps=\$\(printf '%s\\n' "\$users" \| grep -x '\[0-9a-fA-F\]/);
    expect([...text.replace('user=$user', '').matchAll(/\buser=(\S+?)[;\s]/g)].map((m) => m[1])).toEqual(['none', 'guid', 'other']);
  });
});

describe('in-cluster output parsers', () => {
  it('keep only well-formed lines and drop anything that could carry a credential', () => {
    const parsed = parseSecretsOutput(
      ['pod ok', 'pod-pull-secrets regcred other', 'secret regcred found type=kubernetes.io/dockerconfigjson hosts=https://index.docker.io/v1/,myacr.azurecr.io user=guid', 'secret other found type=kubernetes.io/dockerconfigjson hosts=u:p@host user=other', '{"auths":{"x":{"password":"hunter2"}}}'].join('\n'),
    );
    expect(parsed.imagePullSecrets).toEqual(['regcred', 'other']);
    expect(parsed.secrets).toEqual([{ name: 'regcred', status: 'found', type: 'kubernetes.io/dockerconfigjson', hosts: ['index.docker.io', 'myacr.azurecr.io'], username: 'guid', appIds: [] }]);
    expect(parsed.ignoredLines).toBe(2);
    const apps = parseSecretsOutput('pod ok\nsecret a found type=kubernetes.io/dockerconfigjson hosts=myacr.azurecr.io user=guid apps=88888888-8888-4888-8888-888888888888\nsecret b found type=kubernetes.io/dockerconfigjson hosts=myacr.azurecr.io user=guid apps=octocat');
    expect(apps.secrets.map((x) => [x.name, x.appIds])).toEqual([['a', ['88888888-8888-4888-8888-888888888888']]]);
    expect(apps.ignoredLines).toBe(1);
    expect(JSON.stringify(parsed)).not.toContain('hunter2');
    expect(normaliseAuthHost('https://myacr.azurecr.io/v2/')).toBe('myacr.azurecr.io');
  });

  it('read DNS answers and canipull steps', () => {
    expect(parseDnsOutput('dns myacr.azurecr.io 10.0.0.4 \ndns x.data.azurecr.io \ndns $(id) 1.2.3.4')).toEqual(
      new Map([
        ['myacr.azurecr.io', ['10.0.0.4']],
        ['x.data.azurecr.io', []],
      ]),
    );
    const probe = parseProbeOutput('[2026-11-25T21:42:00Z] Validating image pull permission: FAILED\ncanipull-exit 1');
    expect(probe).toEqual({ exitCode: 1, steps: [{ step: 'Validating image pull permission', result: 'FAILED' }], canPull: false });
  });
});

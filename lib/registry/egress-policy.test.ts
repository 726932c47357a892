import { addressKind, DENIED_REASON, redirectProblem, RegistryEgressPolicy, tokenRealmProblem, type EgressGrant } from './egress-policy';

const myacr = { loginServer: 'myacr.azurecr.io', dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] };

function grant(decision: ReturnType<RegistryEgressPolicy['decide']>): EgressGrant {
  if (!decision.allowed) throw new Error(decision.reason);
  return decision;
}

describe('registry egress policy: which host, how', () => {
  const policy = new RegistryEgressPolicy({ allowedRegistries: ['registry.partner.example', 'notresolved.azurecr.io'] });

  it.each<[string, string, readonly (typeof myacr)[], string]>([
    ['an ACR that ARM resolved', 'myacr.azurecr.io', [myacr], 'entra arm'],
    ['its data endpoint', 'myacr.westeurope.data.azurecr.io', [myacr], 'entra arm'],
    ['its geo-replica regional endpoint', 'myacr.eastus.geo.azurecr.io', [myacr], 'entra arm'],
    ["another registry's regional endpoint", 'otheracr.eastus.geo.azurecr.io', [myacr], 'denied'],
    ['a data endpoint ARM did not list', 'myacr.eastus.data.azurecr.io', [myacr], 'denied'],
    ['the same ACR when ARM did not resolve it', 'myacr.azurecr.io', [], 'denied'],
    ['a listed ACR ARM did not resolve', 'notresolved.azurecr.io', [], 'anonymous allowed-list'],
    ['a listed host', 'registry.partner.example', [myacr], 'anonymous allowed-list'],
    ['a listed host with :443', 'registry.partner.example:443', [], 'anonymous allowed-list'],
    ['Docker Hub', 'docker.io', [], 'anonymous public-list'],
    ["Docker Hub's API host", 'registry-1.docker.io', [], 'anonymous public-list'],
    ['MCR', 'mcr.microsoft.com', [], 'anonymous public-list'],
    ['GHCR', 'ghcr.io', [], 'anonymous public-list'],
    ['Quay', 'quay.io', [], 'anonymous public-list'],
    ['registry.k8s.io', 'registry.k8s.io', [], 'anonymous public-list'],
    ['any other host', 'evil.example.com', [myacr], 'denied'],
    ['a lookalike of a public registry', 'ghcr.io.evil.example', [], 'denied'],
    ['the metadata address', '169.254.169.254', [], 'denied'],
  ])('%s (%s) → %s', (_what, host, resolved, expected) => {
    const d = policy.decide(host, resolved);
    expect(d.allowed ? `${d.auth} ${d.basis}` : 'denied').toBe(expected);
    if (!d.allowed) expect(d.reason).toMatch(host.startsWith('169.254') ? /link-local address; pull-doctor never contacts those/ : /^registry host not allowed: /);
  });

  it('says why, naming the host and the setting', () => {
    const d = policy.decide('evil.example.com', []);
    expect(d.allowed).toBe(false);
    expect(!d.allowed && d.reason).toBe(`${DENIED_REASON} (evil.example.com is neither an Azure Container Registry found through ARM for this diagnosis nor a built-in public registry)`);
  });

  it('without ARM (chat, intake) leaves an unlisted ACR host to the diagnosis', () => {
    expect(policy.decideWithoutArm('myacr.azurecr.io').allowed).toBe('if-arm-resolves');
    expect(policy.decideWithoutArm('evil.example.com').allowed).toBe(false);
    expect(policy.decideWithoutArm('quay.io').allowed).toBe(true);
  });

  it('never lets loopback through unless the wiring says so (tests only), and never link-local', () => {
    const listed = new RegistryEgressPolicy({ allowedRegistries: ['127.0.0.1:5000', 'localhost:5000', '169.254.169.254'] });
    expect(listed.decide('127.0.0.1:5000', []).allowed).toBe(false);
    expect(listed.decide('localhost:5000', []).allowed).toBe(false);
    const tests = new RegistryEgressPolicy({ allowedRegistries: ['127.0.0.1:5000', '169.254.169.254'], allowLoopback: true });
    expect(tests.decide('127.0.0.1:5000', []).allowed).toBe(true);
    expect(tests.decide('169.254.169.254', []).allowed).toBe(false);
  });

  it('matches the allowed list case-insensitively, with Docker Hub aliases', () => {
    const hub = new RegistryEgressPolicy({ allowedRegistries: ['DOCKER.IO'] });
    expect(hub.isListed('docker.io')).toBe(true);
    expect(hub.isListed('registry-1.docker.io')).toBe(true);
    expect(hub.isListed('ghcr.io')).toBe(false);
  });
});

describe('token services', () => {
  const policy = new RegistryEgressPolicy({ allowedRegistries: ['registry.partner.example'] });
  it.each<[string, string, string | null]>([
    ['docker.io', 'https://auth.docker.io/token', null],
    ['ghcr.io', 'https://ghcr.io/token', null],
    ['quay.io', 'https://quay.io/v2/auth', null],
    ['registry.partner.example', 'https://registry.partner.example/oauth2/token', null],
    ['registry.partner.example', 'https://login.partner.example/token', 'neither'],
    ['docker.io', 'https://auth.docker.io.evil.example/token', 'neither'],
    ['ghcr.io', 'http://ghcr.io/token', 'not HTTPS'],
    ['ghcr.io', 'not a url', 'not a URL'],
  ])('%s realm %s', (host, realm, problem) => {
    const g = grant(policy.decide(host, []));
    const found = tokenRealmProblem(g, realm);
    if (problem === null) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });
});

describe('redirects', () => {
  const policy = new RegistryEgressPolicy({ allowedRegistries: ['registry.partner.example'] });
  it.each<[string, string, boolean]>([
    ['myacr.azurecr.io', 'https://myacr.westeurope.data.azurecr.io/blob', true],
    ['myacr.azurecr.io', 'https://weuprodreg12.blob.core.windows.net/x', true],
    ['myacr.azurecr.io', 'https://otheracr.westeurope.data.azurecr.io/blob', false],
    ['docker.io', 'https://production.cloudflare.docker.com/registry-v2/x', true],
    ['docker.io', 'https://registry-1.docker.io/v2/x', true],
    ['mcr.microsoft.com', 'https://westeurope.data.mcr.microsoft.com/x', true],
    ['mcr.microsoft.com', 'https://data.mcr.microsoft.com.evil.example/x', false],
    ['ghcr.io', 'https://pkg-containers.githubusercontent.com/ghcr1/blobs/x', true],
    ['quay.io', 'https://cdn02.quay.io/x', true],
    ['registry.k8s.io', 'https://us-west1-docker.pkg.dev/v2/k8s-artifacts-prod/images/pause/manifests/3.9', true],
    ['registry.k8s.io', 'https://prod-registry-k8s-io-us-west-2.s3.dualstack.us-west-2.amazonaws.com/containers/images/x', true],
    ['registry.partner.example', 'https://registry.partner.example/v2/other', true],
    ['registry.partner.example', 'https://cdn.partner.example/x', false],
    ['registry.partner.example', 'https://10.0.0.4/x', false],
    ['registry.partner.example', 'https://[::1]/x', false],
    ['registry.partner.example', 'http://registry.partner.example/x', false],
  ])('from %s to %s → %s', (host, target, allowed) => {
    const g = grant(policy.decide(host, host === 'myacr.azurecr.io' ? [myacr] : []));
    expect(redirectProblem(g, target) === undefined).toBe(allowed);
  });

  it('follows a loopback redirect only with the test exemption', () => {
    const plain = grant(new RegistryEgressPolicy({ allowedRegistries: ['127.0.0.1:5000'], allowLoopback: true }).decide('127.0.0.1:5000', []));
    expect(redirectProblem(plain, 'https://127.0.0.1:5000/v2/x')).toBeUndefined();
    const prod = grant(new RegistryEgressPolicy({ allowedRegistries: ['registry.partner.example'] }).decide('registry.partner.example', []));
    expect(redirectProblem(prod, 'https://127.0.0.1:5000/v2/x')).toContain('loopback');
  });
});

describe('addressKind', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['localhost', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd00::1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['20.1.2.3', 'public'],
    ['ghcr.io', 'public'],
  ])('%s is %s', (host, kind) => {
    expect(addressKind(host)).toBe(kind);
  });
});

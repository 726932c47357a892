import { addressKind, DENIED_REASON, isEgressGrant, matchesHostPattern, normaliseHost, redirectProblem, RegistryEgressPolicy, tokenRealmProblem, type EgressGrant } from './egress-policy';

/** Boundaries and messages of the egress policy: the cases mutation testing showed no other test pinned (issue #20). */
const myacr = { loginServer: 'myacr.azurecr.io', dataEndpointHostNames: ['myacr.westeurope.data.azurecr.io'] };

function grant(decision: ReturnType<RegistryEgressPolicy['decide']>): EgressGrant {
  if (!decision.allowed) throw new Error(decision.reason);
  return decision;
}

describe('egress policy edges', () => {
  const policy = new RegistryEgressPolicy({ allowedRegistries: ['registry.partner.example', ' Docker.IO '] });

  it('recognises only grants it issued', () => {
    const g = grant(policy.decide('quay.io', []));
    expect(isEgressGrant(g)).toBe(true);
    expect(isEgressGrant({ ...g })).toBe(false);
    expect(isEgressGrant(null)).toBe(false);
    expect(isEgressGrant('quay.io')).toBe(false);
    expect(Object.isFrozen(g)).toBe(true);
  });

  it('a listed public registry keeps its documented token and blob hosts', () => {
    const g = grant(policy.decide('index.docker.io', []));
    expect(g).toMatchObject({ auth: 'anonymous', basis: 'allowed-list', tokenHosts: ['auth.docker.io'], allowLoopback: false });
    expect(tokenRealmProblem(g, 'https://auth.docker.io/token')).toBeUndefined();
    expect(redirectProblem(g, 'https://production.cloudfront.docker.com/x')).toBeUndefined();
  });

  it('a listed host that is not a public registry gets no extra token or blob hosts', () => {
    const g = grant(policy.decide('registry.partner.example', []));
    expect(g).toMatchObject({ tokenHosts: [], redirectHosts: [] });
    expect(policy.isListed('index.docker.io')).toBe(true);
    expect(policy.isListed('quay.io')).toBe(false);
    expect(new RegistryEgressPolicy().isListed('docker.io')).toBe(false);
  });

  it('an ARM-resolved ACR gets the Entra grant with no anonymous token hosts', () => {
    expect(grant(policy.decide('MyAcr.AzureCR.io.', [myacr]))).toMatchObject({ host: 'myacr.azurecr.io', auth: 'entra', basis: 'arm', tokenHosts: [], allowLoopback: false });
  });

  it('names ARM when an ACR host was not resolved', () => {
    const d = policy.decide('myacr.azurecr.io', []);
    expect(!d.allowed && d.reason).toBe(`${DENIED_REASON} (myacr.azurecr.io was not found through ARM for this diagnosis, so no Entra token is exchanged with it)`);
  });

  it.each([
    ['127.0.0.1:5000', 'loopback'],
    ['169.254.169.254', 'link-local'],
  ])('refuses %s without ARM too, naming it a %s address', (host, kind) => {
    const d = new RegistryEgressPolicy({ allowedRegistries: [host] }).decideWithoutArm(host);
    expect(d).toEqual({ allowed: false, host, reason: `${host} is a ${kind} address; pull-doctor never contacts those` });
  });

  it('refuses loopback in decide with the reason', () => {
    expect(policy.decide('localhost:5000', [])).toEqual({ allowed: false, host: 'localhost:5000', reason: 'localhost:5000 is a loopback address; pull-doctor never contacts those' });
  });

  it('only ACR host names may wait for ARM', () => {
    expect(policy.mayBeArmResolved('MYACR.azurecr.io')).toBe(true);
    expect(policy.mayBeArmResolved('ghcr.io')).toBe(false);
  });

  it.each([
    ['myacr.azurecr.cn', 'https://x.blob.core.chinacloudapi.cn/b', 'https://x.blob.core.windows.net/b'],
    ['myacr.azurecr.us', 'https://x.blob.core.usgovcloudapi.net/b', 'https://x.blob.core.windows.net/b'],
    ['myacr.azurecr.io', 'https://x.blob.core.windows.net/b', 'https://x.blob.core.chinacloudapi.cn/b'],
  ])('an ACR in %s may redirect to its own cloud storage only', (loginServer, own, other) => {
    const g = grant(policy.decide(loginServer, [{ loginServer, dataEndpointHostNames: [] }]));
    expect(redirectProblem(g, own)).toBeUndefined();
    expect(redirectProblem(g, other)).toContain('neither the registry nor one of its documented blob/data endpoints');
  });

  it('a data endpoint ARM lists in capitals still counts', () => {
    const acr = { loginServer: 'MyAcr.azurecr.io', dataEndpointHostNames: ['MyAcr.WestEurope.data.azurecr.io'] };
    expect(grant(policy.decide('myacr.westeurope.data.azurecr.io', [acr])).auth).toBe('entra');
    expect(redirectProblem(grant(policy.decide('myacr.azurecr.io', [acr])), 'https://myacr.westeurope.data.azurecr.io/b')).toBeUndefined();
  });

  it.each<[string, string, boolean]>([
    ['docker.io', 'https://docker-images-prod.6aa30f8b08e16409b46e0173d6de2f56.r2.cloudflarestorage.com/x', true],
    ['docker.io', 'https://index.docker.io/v2/x', true],
    ['docker.io', 'https://productionxcloudflare.docker.com/x', false],
    ['docker.io', 'https://x.production.cloudflare.docker.com/x', false],
    ['docker.io', 'https://production.cloudflare.docker.com.evil.example/x', false],
    ['quay.io', 'https://cdn.quay.io/x', true],
    ['quay.io', 'https://cdn01.quay.io/x', true],
    ['quay.io', 'https://cdn03.quay.io/x', true],
    ['quay.io', 'https://cdn04.quay.io/x', false],
    ['mcr.microsoft.com', 'https://a.b.data.mcr.microsoft.com/x', false],
    ['mcr.microsoft.com', 'https://mcr.microsoft.com/v2/x', true],
    ['registry.k8s.io', 'https://docker.pkg.dev/x', false],
    ['ghcr.io', 'https://10.0.0.4/x', false],
  ])('redirect from %s to %s → %s', (host, target, allowed) => {
    expect(redirectProblem(grant(policy.decide(host, [])), target) === undefined).toBe(allowed);
  });

  it('explains each refused redirect', () => {
    const g = grant(policy.decide('ghcr.io', []));
    expect(redirectProblem(g, 'nope')).toBe('redirect to something that is not a URL');
    expect(redirectProblem(g, 'https://10.0.0.4/x')).toBe('ghcr.io redirected to https://10.0.0.4, a private address; redirect refused');
    expect(redirectProblem(g, 'http://ghcr.io/x')).toBe('ghcr.io redirected to http://ghcr.io, which is not HTTPS; redirect refused');
    expect(redirectProblem(g, 'https://cdn.example/x')).toBe('ghcr.io redirected to https://cdn.example, which is neither the registry nor one of its documented blob/data endpoints; redirect refused');
  });

  it('a loopback-exempt grant still refuses private redirects and plain HTTP', () => {
    const g = grant(new RegistryEgressPolicy({ allowedRegistries: ['127.0.0.1:5000'], allowLoopback: true }).decide('127.0.0.1:5000', []));
    expect(g.allowLoopback).toBe(true);
    expect(redirectProblem(g, 'https://10.0.0.4/x')).toContain('private address');
    expect(redirectProblem(g, 'http://127.0.0.1:5000/x')).toContain('not HTTPS');
  });

  it('explains each refused token realm, bounding what it repeats', () => {
    const g = grant(policy.decide('ghcr.io', []));
    expect(tokenRealmProblem(g, 'x'.repeat(500))).toBe(`token realm "${'x'.repeat(200)}" is not a URL`);
    expect(tokenRealmProblem(g, 'http://ghcr.io/token')).toBe('token realm http://ghcr.io is not HTTPS');
    expect(tokenRealmProblem(g, 'https://auth.docker.io/token')).toBe("ghcr.io's token service https://auth.docker.io is neither the registry's own host nor its documented token service; it was not contacted");
  });
});

describe('normaliseHost and matchesHostPattern', () => {
  it.each([
    ['  Docker.IO  ', 'docker.io'],
    ['docker.io.', 'docker.io'],
    ['registry.example:443', 'registry.example'],
    ['registry.example:4430', 'registry.example:4430'],
    ['registry.example:5000', 'registry.example:5000'],
    ['registry.example', 'registry.example'],
  ])('%j → %s', (host, normal) => {
    expect(normaliseHost(host)).toBe(normal);
  });

  it.each<[string, string, boolean]>([
    ['*.data.mcr.microsoft.com', 'westeurope.data.mcr.microsoft.com', true],
    ['*.data.mcr.microsoft.com', 'data.mcr.microsoft.com', false],
    ['*.data.mcr.microsoft.com', 'a.b.data.mcr.microsoft.com', false],
    ['*.data.mcr.microsoft.com', 'westeurope.data.mcr.microsoft.com.evil', false],
    ['*.data.mcr.microsoft.com', 'westeuropexdataxmcr.microsoft.com', false],
    ['cdn.quay.io', 'cdnxquay.io', false],
    ['cdn.quay.io', 'cdn.quay.io', true],
  ])('%s matches %s → %s', (pattern, host, matches) => {
    expect(matchesHostPattern(pattern, host)).toBe(matches);
  });
});

describe('addressKind ranges', () => {
  it.each([
    ['LOCALHOST', 'loopback'],
    ['registry.localhost', 'loopback'],
    ['localhost.example', 'public'],
    ['127.255.0.1', 'loopback'],
    ['128.0.0.1', 'public'],
    ['169.254.0.1', 'link-local'],
    ['169.253.0.1', 'public'],
    ['168.254.0.1', 'public'],
    ['0.1.2.3', 'unspecified'],
    ['1.1.1.1', 'public'],
    ['10.0.0.1', 'private'],
    ['11.0.0.1', 'public'],
    ['172.15.0.1', 'public'],
    ['172.16.0.1', 'private'],
    ['172.31.255.1', 'private'],
    ['172.32.0.1', 'public'],
    ['171.16.0.1', 'public'],
    ['192.168.0.1', 'private'],
    ['192.169.0.1', 'public'],
    ['193.168.0.1', 'public'],
    ['100.63.0.1', 'public'],
    ['100.64.0.1', 'private'],
    ['100.127.0.1', 'private'],
    ['100.128.0.1', 'public'],
    ['101.64.0.1', 'public'],
    ['::', 'unspecified'],
    ['fe80::1', 'link-local'],
    ['fe90::1', 'link-local'],
    ['fea0::1', 'link-local'],
    ['FEBF::1', 'link-local'],
    ['fec0::1', 'public'],
    ['2001:db8::fe80', 'public'],
    ['fc00::1', 'private'],
    ['fd12::1', 'private'],
    ['fe00::1', 'public'],
    ['2001:db8::fc', 'public'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:8.8.8.8', 'public'],
    ['1::ffff:127.0.0.1', 'public'],
    ['2606:4700::1', 'public'],
  ])('%s is %s', (host, kind) => {
    expect(addressKind(host)).toBe(kind);
  });
});

describe('egress policy edges found by the second mutation run', () => {
  const policy = new RegistryEgressPolicy();

  it.each([
    ['docker.io', ['auth.docker.io']],
    ['mcr.microsoft.com', []],
    ['ghcr.io', []],
    ['quay.io', []],
    ['registry.k8s.io', []],
  ])('the token services %s may use are only the documented ones', (host, tokenHosts) => {
    expect(grant(policy.decide(host, [])).tokenHosts).toEqual(tokenHosts);
  });

  it('an ACR resolved through ARM without data endpoints still allows only itself', () => {
    const resolved = [{ loginServer: 'myacr.azurecr.io', dataEndpointHostNames: [] }];
    expect(policy.decide('otheracr.azurecr.io', resolved).allowed).toBe(false);
    expect(policy.decide('myacr.azurecr.io', resolved).allowed).toBe(true);
  });

  it('a bracketed IPv6 loopback host is loopback, even when listed', () => {
    const listed = new RegistryEgressPolicy({ allowedRegistries: ['[::1]:5000'] });
    expect(listed.decide('[::1]:5000', [])).toEqual({ allowed: false, host: '[::1]:5000', reason: '[::1]:5000 is a loopback address; pull-doctor never contacts those' });
    expect(new RegistryEgressPolicy({ allowedRegistries: ['[::1]:5000'], allowLoopback: true }).decide('[::1]:5000', []).allowed).toBe(true);
  });

  it.each([
    ['feature.example', 'public'],
    ['fdn.example', 'public'],
    ['1.254.0.1', 'public'],
    ['1.20.0.1', 'public'],
    ['1.168.0.1', 'public'],
    ['1.100.0.1', 'public'],
    ['::ffff:192.168.10.10', 'private'],
    ['::ffff:10.100.100.100', 'private'],
  ])('%s is %s', (host, kind) => {
    expect(addressKind(host)).toBe(kind);
  });
});

describe('an IPv6 address is judged in every spelling (session 9 mutation run)', () => {
  it.each([
    // The URL parser writes an IPv4-mapped address in hex: a redirect to https://[::ffff:169.254.169.254]/ arrives as
    // [::ffff:a9fe:a9fe], the instance metadata service.
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:7f00:101', 'loopback'],
    ['0:0:0:0:0:ffff:127.0.0.1', 'loopback'],
    ['::ffff:ac10:101', 'private'],
    ['::ffff:ac20:101', 'public'],
    ['::ffff:7f00:1:2', 'public'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['0::0', 'unspecified'],
    // A zone index names the interface, not another address.
    ['::ffff:127.0.0.1%1', 'loopback'],
    ['::1%lo', 'loopback'],
    ['fe80::1%eth0', 'link-local'],
  ])('%s is %s', (host, kind) => {
    expect(addressKind(host)).toBe(kind);
  });

  it('a redirect to a mapped metadata or loopback address is refused', () => {
    const g = grant(new RegistryEgressPolicy().decide('docker.io', []));
    expect(redirectProblem(g, 'https://[::ffff:169.254.169.254]/latest')).toBe('docker.io redirected to https://[::ffff:a9fe:a9fe], a link-local address; redirect refused');
    expect(redirectProblem(g, 'https://[::ffff:127.0.0.1]:8443/x')).toContain('a loopback address; redirect refused');
    expect(new RegistryEgressPolicy().decide('[::ffff:7f00:1]:5000', []).allowed).toBe(false);
  });

  it('an unbracketed IPv6 literal is not read as an address and a port, even when listed', () => {
    const listed = new RegistryEgressPolicy({ allowedRegistries: ['::1', 'fe80::1'] });
    expect(listed.decide('::1', [])).toEqual({ allowed: false, host: '::1', reason: '::1 is a loopback address; pull-doctor never contacts those' });
    expect(listed.decide('fe80::1', []).allowed).toBe(false);
  });
});

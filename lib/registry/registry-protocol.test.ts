import { nextPageUrl } from './link-header';
import { acrAudience, apiHost, isAcrHost } from './registry-hosts';
import { parseChallenge } from './www-authenticate';
import { osVersionsOf } from './registry-wire';

describe('parseChallenge', () => {
  it('reads an ACR bearer challenge', () => {
    expect(
      parseChallenge('Bearer realm="https://myacr.azurecr.io/oauth2/token",service="myacr.azurecr.io",scope="repository:team/app:pull"'),
    ).toEqual({ scheme: 'bearer', realm: 'https://myacr.azurecr.io/oauth2/token', service: 'myacr.azurecr.io', scope: 'repository:team/app:pull' });
  });
  it('reads Docker Hub with spaces and unquoted values', () => {
    expect(parseChallenge('bearer realm="https://auth.docker.io/token", service=registry.docker.io')).toEqual({
      scheme: 'bearer',
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: undefined,
    });
  });
  it('reads Basic and unescapes quoted pairs', () => {
    expect(parseChallenge('Basic realm="Registry \\"Realm\\""')).toEqual({ scheme: 'basic', realm: 'Registry "Realm"' });
  });
  it('rejects a bearer challenge without realm and unknown schemes', () => {
    expect(parseChallenge('Bearer service="x"')).toBeUndefined();
    expect(parseChallenge('Negotiate abc')).toBeUndefined();
    expect(parseChallenge(undefined)).toBeUndefined();
  });
});

describe('nextPageUrl', () => {
  const page = 'https://myacr.azurecr.io/v2/_catalog?n=2';
  it('resolves a relative next link against the page URL', () => {
    expect(nextPageUrl('</v2/_catalog?last=b&n=2>; rel="next"', page)).toBe('https://myacr.azurecr.io/v2/_catalog?last=b&n=2');
  });
  it('picks rel=next among several links', () => {
    expect(nextPageUrl('<https://x.io/a>; rel="prev", <https://x.io/b>; rel=next', page)).toBe('https://x.io/b');
  });
  it('is undefined without a next link', () => {
    expect(nextPageUrl(undefined, page)).toBeUndefined();
    expect(nextPageUrl('<https://x.io/a>; rel="prev"', page)).toBeUndefined();
  });
});

describe('registry hosts', () => {
  it('recognises ACR login servers in every cloud', () => {
    expect(isAcrHost('myacr.azurecr.io')).toBe(true);
    expect(isAcrHost('myacr.westeurope.data.azurecr.io')).toBe(true);
    expect(isAcrHost('myacr.azureacr.io')).toBe(false);
    expect(isAcrHost('docker.io')).toBe(false);
  });
  it('asks Entra for the audience of the registry cloud', () => {
    expect(acrAudience('a.azurecr.io')).toBe('https://containerregistry.azure.net');
    expect(acrAudience('a.azurecr.cn')).toBe('https://containerregistry.azure.cn');
    expect(acrAudience('a.azurecr.us')).toBe('https://containerregistry.azure.us');
  });
  it('sends Docker Hub API calls to registry-1.docker.io', () => {
    expect(apiHost('docker.io')).toBe('registry-1.docker.io');
    expect(apiHost('ghcr.io')).toBe('ghcr.io');
  });
});

describe('osVersionsOf (an index entry carries a Windows image build in platform.os.version)', () => {
  const entry = (platform: Record<string, string>) => ({ digest: 'sha256:abc', size: 1, platform: platform as { os: string; architecture: string } });
  it.each<[string, ReturnType<typeof entry>[], Record<string, string[]> | undefined]>([
    ['none carries one', [entry({ os: 'linux', architecture: 'amd64' })], undefined],
    ['two Windows builds', [entry({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.6532' }), entry({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.20348.2966' })], { 'windows/amd64': ['10.0.17763.6532', '10.0.20348.2966'] }],
    ['one Windows entry without it beside one with it', [entry({ os: 'windows', architecture: 'amd64' }), entry({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.6532' }), entry({ os: 'linux', architecture: 'amd64' })], { 'windows/amd64': ['', '10.0.17763.6532'] }],
  ])('%s', (_what, entries, expected) => {
    expect(osVersionsOf(entries)).toEqual(expected);
  });
});

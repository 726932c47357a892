import { ImageRefSchema, type ImageRef } from '../model/image-ref';
import { acrLoginServerSuffix, recognizeAcrHost, suggestAcrHost } from './acr-host';
import { editDistance } from './edit-distance';
import { parseImageRef, type ImageRefPart } from './parse-image-ref';

const SHA256 = `sha256:${'a1'.repeat(32)}`;
const SHA512 = `sha512:${'b2'.repeat(64)}`;

type Expected = Partial<Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'digest' | 'registryDefaulted' | 'tagDefaulted' | 'suggestion'>>;

const VALID: Array<[string, Expected]> = [
  // Docker defaults
  ['nginx', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest', registryDefaulted: true, tagDefaulted: true }],
  ['nginx:1.27', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', tagDefaulted: false }],
  ['bitnami/redis:7.2', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' }],
  ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx', registryDefaulted: false }],
  ['index.docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
  // hosts, ports, localhost, IPs
  ['localhost/app', { registry: 'localhost', repository: 'app' }],
  ['localhost:5000/team/app:v1', { registry: 'localhost:5000', repository: 'team/app', tag: 'v1' }],
  ['10.0.0.5:5000/app', { registry: '10.0.0.5:5000', repository: 'app' }],
  ['[::1]:5000/app:v2', { registry: '[::1]:5000', repository: 'app', tag: 'v2' }],
  ['[fe80::1]/app', { registry: '[fe80::1]', repository: 'app' }],
  ['Registry.Example.com/app', { registry: 'registry.example.com', repository: 'app' }],
  ['mcr.microsoft.com/dotnet/aspnet:8.0-jammy', { registry: 'mcr.microsoft.com', repository: 'dotnet/aspnet', tag: '8.0-jammy' }],
  // path separators
  ['reg.io/a_b/c__d/e-f/g---h/i.j', { repository: 'a_b/c__d/e-f/g---h/i.j' }],
  // digests, tag + digest
  [`myacr.azurecr.io/app@${SHA256}`, { digest: SHA256, tagDefaulted: false }],
  [`myacr.azurecr.io/app@${SHA512}`, { digest: SHA512 }],
  [`myacr.azurecr.io/app:v1@${SHA256}`, { tag: 'v1', digest: SHA256, tagDefaulted: false }],
  // tag edges
  [`app:${'t'.repeat(128)}`, { tag: 't'.repeat(128) }],
  ['app:_x.Y-9', { tag: '_x.Y-9' }],
  // name length limit is inclusive
  [`r.io/${'a'.repeat(250)}`, { repository: 'a'.repeat(250) }],
];

const INVALID: Array<[string, string, ImageRefPart, RegExp]> = [
  ['empty', '', 'reference', /empty/],
  ['uppercase repository', 'myacr.azurecr.io/MyApp:v1', 'repository', /lowercase/],
  ['uppercase single name', 'Nginx', 'repository', /lowercase/],
  ['sha256 too short', `app@sha256:${'a'.repeat(63)}`, 'digest', /64 hex digits/],
  ['sha512 with sha256 length', `app@sha512:${'a'.repeat(64)}`, 'digest', /128 hex digits/],
  ['uppercase digest hex', `app@sha256:${'A'.repeat(64)}`, 'digest', /lowercase/],
  ['unknown digest algorithm', `app@md5:${'a'.repeat(32)}`, 'digest', /unsupported digest algorithm/],
  ['digest without algorithm', 'app@abc', 'digest', /algorithm/],
  ['two @', `app@${SHA256}@${SHA256}`, 'digest', /more than one "@"/],
  ['empty tag', 'nginx:', 'tag', /empty/],
  ['tag starting with dot', 'nginx:.x', 'tag', /invalid/],
  ['tag too long', `app:${'t'.repeat(129)}`, 'tag', /at most 128/],
  ['name too long', `r.io/${'a'.repeat(251)}`, 'repository', /at most 255/],
  ['double slash', 'reg.io/a//b', 'repository', /empty path component/],
  ['trailing separator', 'reg.io/app-', 'repository', /invalid/],
  ['registry only', 'myacr.azurecr.io/', 'repository', /empty/],
  ['bad host label', 'my_acr.azurecr.io/app', 'registry', /"_"/],
  ['port not numeric', 'reg.io:abc/app', 'registry', /digits/],
  ['port out of range', 'reg.io:70000/app', 'registry', /out of range/],
  ['broken IPv6', '[::1/app', 'registry', /IPv6/],
  ['scheme in reference', 'https://harbor.example.com/app:1.0', 'registry', /not a valid host name|port/],
  ['image id', 'a'.repeat(64), 'repository', /image id/],
  ['whitespace inside', 'nginx :1', 'reference', /whitespace/],
  ['NUL byte', 'nginx\u0000', 'reference', /control characters/],
  ['U+FFFD', 'ngi\uFFFDnx', 'reference', /UTF-8/],
  ['non-ASCII', 'nginx:ü', 'reference', /non-ASCII/],
  ['1 MB', 'a'.repeat(1024 * 1024), 'reference', /characters long/],
];

describe('parseImageRef: valid references', () => {
  test.each(VALID)('%s', (text, expected) => {
    const result = parseImageRef(text);
    if (!result.ok) throw new Error(`rejected: ${result.error}`);
    expect(result.ref).toMatchObject({ original: text, ...expected });
    expect(ImageRefSchema.parse(result.ref)).toEqual(result.ref);
  });

  test('Docker Hub references are not ACR and carry no suggestion', () => {
    const result = parseImageRef('nginx:1.27');
    expect(result.ok && result.ref.acr).toBeUndefined();
    expect(result.ok && result.ref.suggestion).toBeUndefined();
  });
});

describe('parseImageRef: rejected references say which part is wrong', () => {
  test.each(INVALID)('%s', (_name, text, part, message) => {
    const result = parseImageRef(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.part).toBe(part);
    expect(result.error).toMatch(message);
    expect(result.error.length).toBeLessThan(400); // a 1 MB input is never echoed back
  });

  test('binary input never throws', () => {
    const binary = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)).toString('latin1');
    const result = parseImageRef(binary);
    expect(result.ok).toBe(false);
    expect(parseImageRef(undefined as unknown as string)).toMatchObject({ ok: false, part: 'reference' });
  });

  test('trailing whitespace suggests the trimmed reference', () => {
    expect(parseImageRef('myacr.azurecr.io/app:v1\n')).toMatchObject({ ok: false, suggestion: 'myacr.azurecr.io/app:v1' });
  });

  test.each<[string, string | undefined]>([
    ['myacr.azurecr.io/App:v1 ', 'myacr.azurecr.io/app:v1'],
    [' myacr_x.io/app', undefined],
  ])('whitespace around a reference that is wrong besides: %j suggests %s (a suggestion always parses)', (text, suggestion) => {
    const result = parseImageRef(text);
    expect(result).toMatchObject({ ok: false, part: 'reference' });
    expect(result.ok ? undefined : result.suggestion).toBe(suggestion);
  });
});

describe('ACR hosts', () => {
  test.each([
    ['myacr.azurecr.io/app:v1', { registryName: 'myacr', cloud: 'AzureCloud', kind: 'login', loginServer: 'myacr.azurecr.io' }],
    ['contoso.azurecr.cn/app', { registryName: 'contoso', cloud: 'AzureChinaCloud', kind: 'login', loginServer: 'contoso.azurecr.cn' }],
    ['fabrikam.azurecr.us/app', { registryName: 'fabrikam', cloud: 'AzureUSGovernment', kind: 'login', loginServer: 'fabrikam.azurecr.us' }],
    ['myacr.westeurope.geo.azurecr.io/app', { kind: 'regional', region: 'westeurope', loginServer: 'myacr.azurecr.io' }],
    ['myacr.westeurope.data.azurecr.io/app', { kind: 'data', region: 'westeurope', loginServer: 'myacr.azurecr.io' }],
    ['myacr.usgovvirginia.data.azurecr.us/app', { kind: 'data', cloud: 'AzureUSGovernment', region: 'usgovvirginia' }],
    ['MyAcr.AzureCR.io/app', { registryName: 'myacr', loginServer: 'myacr.azurecr.io' }],
    ['myacr-abc123.azurecr.io/app', { registryName: 'myacr', loginServer: 'myacr-abc123.azurecr.io' }],
  ])('%s', (text, acr) => {
    const result = parseImageRef(text);
    expect(result.ok && result.ref.acr).toMatchObject(acr);
  });

  test.each(['mcr.microsoft.com', 'azurecr.io', 'a.b.c.azurecr.io', 'my-acr.azurecr.io', 'myacr.azurecr.com'])('%s is not an ACR host', (host) => {
    expect(recognizeAcrHost(host)).toBeUndefined();
  });

  test('login server suffix per cloud', () => {
    expect(acrLoginServerSuffix('AzureCloud')).toBe('azurecr.io');
    expect(acrLoginServerSuffix('AzureChinaCloud')).toBe('azurecr.cn');
    expect(acrLoginServerSuffix('AzureUSGovernment')).toBe('azurecr.us');
  });
});

describe('typo suggestions', () => {
  test.each([
    ['myacr.azureacr.io/app:v1', 'myacr.azurecr.io'],
    ['myacr.azurecr.com/app', 'myacr.azurecr.io'],
    ['myacr.azurecr.net/app', 'myacr.azurecr.io'],
    ['myacr.azurcr.io/app', 'myacr.azurecr.io'],
    ['myacr.azuercr.io/app', 'myacr.azurecr.io'],
    ['myacr.azurecr.cm/app', 'myacr.azurecr.io'],
    ['contoso.azureacr.cn/app', 'contoso.azurecr.cn'],
    ['myacr.westeurope.data.azureacr.io/app', 'myacr.westeurope.data.azurecr.io'],
    ['myacr.privatelink.azurecr.io/app', 'myacr.azurecr.io'],
    ['myacr.azurecr.io.com/app', 'myacr.azurecr.io'],
  ])('%s → %s', (text, suggestion) => {
    const result = parseImageRef(text);
    expect(result.ok && result.ref.suggestion).toBe(suggestion);
    expect(result.ok && result.ref.acr).toBeUndefined();
  });

  test('a trailing dot is rejected with the suggestion', () => {
    expect(parseImageRef('myacr.azurecr.io./app:v1')).toMatchObject({ ok: false, part: 'registry', suggestion: 'myacr.azurecr.io/app:v1' });
    expect(parseImageRef('myacr.azurecr.io/Team/App:V1')).toMatchObject({ ok: false, part: 'repository', suggestion: 'myacr.azurecr.io/team/app:V1' });
    expect(parseImageRef('my_acr.example.com/app')).not.toHaveProperty('suggestion');
  });

  test('a bare registry name reads as Docker Hub; known ACR names get the login server', () => {
    const plain = parseImageRef('myacr/app:v1');
    expect(plain).toMatchObject({ ok: true, ref: { registry: 'docker.io', repository: 'myacr/app' } });
    expect(plain.ok && plain.ref.suggestion).toBeUndefined();
    expect(parseImageRef('myacr/app:v1', { knownAcrNames: ['MyAcr'] })).toMatchObject({ ok: true, ref: { suggestion: 'myacr.azurecr.io' } });
    expect(parseImageRef('myacr/app:v1', { knownAcrNames: ['myacr'], cloud: 'AzureChinaCloud' })).toMatchObject({
      ok: true,
      ref: { suggestion: 'myacr.azurecr.cn' },
    });
    expect(parseImageRef('docker.io/myacr/app', { knownAcrNames: ['myacr'] })).toMatchObject({ ok: true, ref: {} });
    const explicit = parseImageRef('docker.io/myacr/app', { knownAcrNames: ['myacr'] });
    expect(explicit.ok && explicit.ref.suggestion).toBeUndefined();
  });

  test('unrelated hosts get no suggestion', () => {
    for (const host of ['ghcr.io', 'quay.io', 'foo.azure.com', 'registry.example.net', 'mcr.microsoft.com']) {
      expect(suggestAcrHost(host)).toBeUndefined();
    }
  });

  test('edit distance counts a transposition as one edit', () => {
    expect(editDistance('azuercr', 'azurecr')).toBe(1);
    expect(editDistance('azureacr', 'azurecr')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

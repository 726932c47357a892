import { EXIT } from '../../lib/cli/command';
import { runCli } from '../../lib/cli/main';
import { CATEGORIES } from '../../lib/model/category';
import { ImageRefSchema } from '../../lib/model/image-ref';
import { captureIO as capture } from '../helpers/cli-io';

// MS Learn, "Fail to pull images from Azure Container Registry to AKS", Cause 3.
const FORBIDDEN =
  'Failed to pull image "<acrname>.azurecr.io/<repository:tag>": rpc error: code = Unknown desc = failed to pull and unpack image "<acrname>.azurecr.io/<repository:tag>": failed to resolve reference "<acrname>.azurecr.io/<repository:tag>": failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden';

describe('pull-doctor classify', () => {
  test('--json prints exactly the contract fields (plus optional extras)', async () => {
    const c = capture();
    const code = await runCli(['classify', '--json', FORBIDDEN], c.io);
    expect(code).toBe(EXIT.causeFound);
    const json = JSON.parse(c.out()) as Record<string, unknown>;
    expect(Object.keys(json).slice(0, 4)).toEqual(['category', 'confidence', 'candidates', 'explanation']);
    expect(Object.keys(json).every((key) => ['category', 'confidence', 'candidates', 'explanation', 'runtimeError', 'reason'].includes(key))).toBe(true);
    expect(json).toMatchObject({ category: 'firewall_denied', candidates: ['access_denied'] });
    expect(json.runtimeError).toBe('failed to authorize: failed to fetch anonymous token: unexpected status: 403 Forbidden');
    expect(CATEGORIES).toContain(json.category);
  });

  test('human output names the category, the explanation and the alternatives', async () => {
    const c = capture();
    expect(await runCli(['classify', FORBIDDEN], c.io)).toBe(EXIT.causeFound);
    expect(c.out()).toMatch(/^firewall_denied \(confidence 0\.\d\d\)\n/);
    expect(c.out()).toMatch(/also possible: access_denied/);
  });

  test('reads the message from standard input with "-" and takes --reason', async () => {
    const c = capture('Back-off pulling image "myacr.azurecr.io/app:v1"\n');
    expect(await runCli(['classify', '--json', '--reason', 'ImagePullBackOff', '-'], c.io)).toBe(EXIT.undecided);
    // A bare back-off names no cause: unknown, with the causes that most often stand behind it as candidates (lib/classify/causeless-pull.ts).
    expect(JSON.parse(c.out())).toMatchObject({ category: 'unknown', confidence: 0, candidates: expect.any(Array), reason: 'ImagePullBackOff' });
  });

  test('unrecognised text still answers: unknown with confidence 0, exit 2 (could not decide)', async () => {
    const c = capture();
    expect(await runCli(['classify', '--json', 'the weather is nice'], c.io)).toBe(EXIT.undecided);
    expect(JSON.parse(c.out())).toEqual({ category: 'unknown', confidence: 0, candidates: [], explanation: expect.any(String) });
  });

  test.each([
    [['classify'], /give the message/],
    [['classify', 'two', 'words'], /quote the message/],
    [['classify', '--jsn', 'x'], /unknown option "--jsn" — did you mean --json\?/],
    [['classify', '--frobnicate', 'x'], /unknown option "--frobnicate"\n/],
  ])('usage error %j exits 3 with the usage', async (argv, message) => {
    const c = capture();
    expect(await runCli(argv, c.io)).toBe(EXIT.usage);
    expect(c.err()).toMatch(message);
    expect(c.err()).toMatch(/usage: pull-doctor classify/);
  });
});

describe('pull-doctor parse-image', () => {
  test('--json prints the ImageRef', async () => {
    const c = capture();
    expect(await runCli(['parse-image', '--json', 'myacr.westeurope.data.azurecr.io/team/app:v1'], c.io)).toBe(EXIT.ok);
    const ref = ImageRefSchema.parse(JSON.parse(c.out()));
    expect(ref).toMatchObject({
      registry: 'myacr.westeurope.data.azurecr.io',
      repository: 'team/app',
      tag: 'v1',
      acr: { registryName: 'myacr', kind: 'data', region: 'westeurope', loginServer: 'myacr.azurecr.io', cloud: 'AzureCloud' },
    });
  });

  test('human output shows Docker defaults and typo suggestions', async () => {
    const c = capture();
    expect(await runCli(['parse-image', 'nginx'], c.io)).toBe(EXIT.ok);
    expect(c.out()).toMatch(/registry: +docker\.io \(default: Docker Hub\)/);
    expect(c.out()).toMatch(/repository: library\/nginx/);
    const typo = capture();
    expect(await runCli(['parse-image', 'myacr.azureacr.io/app:v1'], typo.io)).toBe(EXIT.ok);
    expect(typo.out()).toMatch(/did you mean registry myacr\.azurecr\.io\?/);
    const bare = capture();
    expect(await runCli(['parse-image', '--json', '--acr', 'myacr', 'myacr/app'], bare.io)).toBe(EXIT.ok);
    expect(JSON.parse(bare.out())).toMatchObject({ registry: 'docker.io', suggestion: 'myacr.azurecr.io' });
  });

  test('an invalid reference exits 1 with the part and the reason', async () => {
    const c = capture();
    expect(await runCli(['parse-image', 'myacr.azurecr.io/MyApp:v1'], c.io)).toBe(EXIT.causeFound);
    expect(c.err()).toMatch(/invalid image reference: repository: repository name must be lowercase/);
    expect(c.err()).toMatch(/did you mean myacr\.azurecr\.io\/myapp:v1\?/);
    const j = capture();
    expect(await runCli(['parse-image', '--json', `app@sha256:${'a'.repeat(10)}`], j.io)).toBe(EXIT.causeFound);
    expect(JSON.parse(j.out())).toMatchObject({ part: 'digest', error: expect.stringMatching(/64 hex digits/) });
  });

  test.each([[['parse-image']], [['parse-image', 'a', 'b']], [['parse-image', '--bogus', 'nginx']]])('usage error %j exits 3', async (argv) => {
    const c = capture();
    expect(await runCli(argv, c.io)).toBe(EXIT.usage);
    expect(c.err()).toMatch(/usage: pull-doctor parse-image/);
  });
});

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { INFRA, ROOT, filesUnder, maskStringsAndComments, moduleRefs, params, read, rel, resourceTypes } from './bicep-text';

/** Structural checks standing in for `bicep build`, which cannot run on our machines. */
const bicepFiles = filesUnder(INFRA, ['.bicep']);
const main = read(join(INFRA, 'main.bicep'));
const mod = (name: string): string => read(join(INFRA, 'modules', `${name}.bicep`));

describe('Bicep files', () => {
  it.each(bicepFiles.map((f) => [rel(f), f]))('%s: brackets balance outside strings and comments', (_, f) => {
    const masked = maskStringsAndComments(read(f));
    const stack: string[] = [];
    const pairs: Record<string, string> = { '}': '{', ']': '[', ')': '(' };
    for (const ch of masked) {
      if ('{[('.includes(ch)) stack.push(ch);
      else if (pairs[ch]) expect(stack.pop()).toBe(pairs[ch]);
    }
    expect(stack).toEqual([]);
  });

  it.each(bicepFiles.map((f) => [rel(f), f]))('%s: every parameter has a @description', (_, f) => {
    const undocumented = params(read(f)).filter((p) => !p.decorators.some((d) => d.startsWith('@description(')));
    expect(undocumented.map((p) => p.name)).toEqual([]);
  });

  it.each(bicepFiles.map((f) => [rel(f), f]))('%s: modules and loaded files exist', (_, f) => {
    const text = read(f);
    const paths = [
      ...moduleRefs(text).map((m) => m.path),
      ...[...text.matchAll(/load(?:Json|Text)Content\('([^']+)'\)/g)].map((m) => m[1]),
    ];
    expect(paths.filter((p) => !existsSync(join(dirname(f), p)))).toEqual([]);
  });

  it('every resource has an explicit, dated API version', () => {
    for (const f of bicepFiles) {
      for (const r of resourceTypes(read(f))) expect({ file: rel(f), r: r.symbol, v: /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(r.apiVersion) }).toEqual({ file: rel(f), r: r.symbol, v: true });
    }
  });

  it('secret parameters are @secure() and never reach an output', () => {
    const secretParams = params(main).filter((p) => /Token|Secret|Password|WebhookUrl/.test(p.name));
    expect(secretParams.map((p) => p.name).sort()).toEqual(
      ['slackBotToken', 'slackSigningSecret', 'slackWebhookUrl', 'teamsBotPassword', 'teamsWorkflowWebhookUrl'].sort(),
    );
    for (const p of secretParams) expect({ p: p.name, secure: p.decorators.includes('@secure()') }).toEqual({ p: p.name, secure: true });
    const outputs = [...main.matchAll(/^output .+$/gm)].map((m) => m[0]);
    for (const p of secretParams) expect(outputs.filter((o) => o.includes(p.name))).toEqual([]);
    expect(mod('key-vault')).toMatch(/@secure\(\)\nparam secrets object/);
  });
});

describe('main.bicep and azd', () => {
  it('main.bicepparam sets only parameters main.bicep declares, and every required one', () => {
    const bicepparam = read(join(INFRA, 'main.bicepparam'));
    expect(bicepparam).toMatch(/^using 'main\.bicep'$/m);
    const declared = new Map(params(main).map((p) => [p.name, p]));
    const set = [...bicepparam.matchAll(/^param (\w+) =/gm)].map((m) => m[1]);
    expect(set.filter((n) => !declared.has(n))).toEqual([]);
    const required = [...declared.values()].filter((p) => !p.hasDefault).map((p) => p.name);
    expect(required.filter((n) => !set.includes(n))).toEqual([]);
  });

  it('azure.yaml deploys the repository as the Functions service "api" and wires triggers after deploy', () => {
    const azure = parseYaml(read(join(ROOT, 'azure.yaml'))) as {
      infra: { provider: string; path: string; module: string };
      services: Record<string, { project: string; language: string; host: string }>;
      hooks: { postdeploy: { posix: { run: string }; windows: { run: string } } };
    };
    expect(azure.infra).toEqual({ provider: 'bicep', path: 'infra', module: 'main' });
    expect(azure.services).toEqual({ api: expect.objectContaining({ project: '.', language: 'ts', host: 'function' }) });
    for (const run of [azure.hooks.postdeploy.posix.run, azure.hooks.postdeploy.windows.run]) expect(existsSync(join(ROOT, run))).toBe(true);
    const hook = read(join(ROOT, azure.hooks.postdeploy.posix.run));
    expect(hook).toMatch(/azd env set WIRE_TRIGGERS true/);
    expect(hook).toMatch(/azd provision --no-prompt/);
    // The function app carries the tag azd deploys by.
    expect(mod('function-app')).toMatch(/'azd-service-name': 'api'/);
  });

  it('outputs the function app, its endpoints and the identity', () => {
    const outputs = [...main.matchAll(/^output (\w+) /gm)].map((m) => m[1]);
    expect(outputs).toEqual(
      expect.arrayContaining([
        'FUNCTION_APP_NAME',
        'FUNCTION_APP_URL',
        'ALERTS_ENDPOINT',
        'TEAMS_MESSAGING_ENDPOINT',
        'SLACK_COMMANDS_URL',
        'SLACK_INTERACTIONS_URL',
        'APP_IDENTITY_PRINCIPAL_ID',
        'APP_IDENTITY_CLIENT_ID',
        'BOT_ID',
      ]),
    );
  });

  it('alert rules and Event Grid subscriptions wait for the deployed code (wireTriggers)', () => {
    expect(main).toMatch(/module alerts 'modules\/alerts\.bicep' = if \(wireTriggers && /);
    expect(main).toMatch(/module acrEvents 'modules\/acr-events\.bicep' = \[\s*for id in concat\(monitoredRegistryIds, abacRegistryIds\): if \(wireTriggers\)/);
    expect(main).toMatch(/subscribeFunction: wireTriggers/);
  });
});

describe('function app', () => {
  const app = mod('function-app');
  it('runs on Flex Consumption, Linux, Node 22, as the user-assigned identity', () => {
    expect(app).toMatch(/sku: \{ name: 'FC1', tier: 'FlexConsumption' \}/);
    expect(app).toMatch(/kind: 'functionapp,linux'/);
    expect(app).toMatch(/runtime: \{\s*name: 'node'\s*version: '22'\s*\}/);
    expect(app).toMatch(/type: 'UserAssigned'/);
    expect(app).toMatch(/keyVaultReferenceIdentity: identityId/);
    expect(app).toMatch(/type: 'UserAssignedIdentity'\s*userAssignedIdentityResourceId: identityId/);
    expect(app).toMatch(/httpsOnly: true/);
    // Flex Consumption rejects these (the comment may name them; the code must not).
    expect(maskStringsAndComments(app)).not.toMatch(/FUNCTIONS_WORKER_RUNTIME|FUNCTIONS_EXTENSION_VERSION/);
  });

  it('reaches storage by identity only: shared keys off, no keys or connection strings anywhere', () => {
    expect(mod('storage')).toMatch(/allowSharedKeyAccess: false/);
    for (const f of bicepFiles) {
      const text = read(f);
      expect({ file: rel(f), keys: /AccountKey=|listKeys\(\s*storage|\.listKeys\(\)|listAccountSas|listServiceSas/.test(text) }).toEqual({ file: rel(f), keys: false });
    }
    expect(mod('function-app')).toMatch(/AzureWebJobsStorage__credential: 'managedidentity'/);
  });

  it('keeps secrets in a Key Vault in RBAC mode', () => {
    expect(mod('key-vault')).toMatch(/enableRbacAuthorization: true/);
    expect(mod('key-vault')).not.toMatch(/accessPolicies/);
  });
});

describe('Event Grid', () => {
  it('subscribes each monitored registry\'s system topic to ImagePushed/ImageDeleted with retries and dead letters', () => {
    const acr = mod('acr-events');
    expect(acr).toMatch(/topicType: 'Microsoft\.ContainerRegistry\.Registries'/);
    const types = /includedEventTypes: \[([^\]]+)\]/.exec(acr)![1];
    expect([...types.matchAll(/'([^']+)'/g)].map((m) => m[1])).toEqual(['Microsoft.ContainerRegistry.ImagePushed', 'Microsoft.ContainerRegistry.ImageDeleted']);
    for (const text of [acr, mod('k8s-events-topic')]) {
      expect(text).toMatch(/endpointType: 'AzureFunction'/);
      expect(text).toMatch(/resourceId: '\$\{functionAppId\}\/functions\/\$\{functionName\}'/);
      expect(text).toMatch(/retryPolicy: \{\s*maxDeliveryAttempts: \d+\s*eventTimeToLiveInMinutes: \d+\s*\}/);
      expect(text).toMatch(/deadLetterWithResourceIdentity: \{/);
      expect(text).toMatch(/endpointType: 'StorageBlob'/);
    }
  });

  it('takes Kubernetes events on a CloudEvents 1.0 custom topic', () => {
    const topic = mod('k8s-events-topic');
    expect(topic).toMatch(/inputSchema: 'CloudEventSchemaV1_0'/);
    expect(topic).toMatch(/eventDeliverySchema: 'CloudEventSchemaV1_0'/);
  });

  it('accepts the topic key by default when the exporter\'s Helm values send one', () => {
    const values = join(INFRA, 'k8s-event-exporter', 'values.yaml');
    expect(existsSync(values)).toBe(true);
    if (/^\s*aeg-sas-key:/m.test(read(values))) expect(mod('k8s-events-topic')).toMatch(/param disableLocalAuth bool = false/);
  });

  it('the exporter\'s Helm values post to the per-cluster sender route with its token (no secret inline)', () => {
    const values = read(join(INFRA, 'k8s-event-exporter', 'values.yaml'));
    expect(values).toMatch(/endpoint: "https:\/\/[^"]+\/api\/events\/k8s\/[^"/]+"/);
    expect(values).toMatch(/Authorization: "Bearer \$\{PULL_DOCTOR_SENDER_TOKEN\}"/);
    expect(values).toMatch(/x-functions-key: "\$\{PULL_DOCTOR_FUNCTION_KEY\}"/);
  });
});

describe('Teams bot', () => {
  it('is an Azure Bot with the Teams channel and the /api/messages endpoint', () => {
    const bot = mod('bot');
    expect(bot).toMatch(/kind: 'azurebot'/);
    expect(bot).toMatch(/endpoint: 'https:\/\/\$\{functionAppHostName\}\/api\/messages'/);
    expect(bot).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bot).toMatch(/@allowed\(\['UserAssignedMSI', 'SingleTenant'\]\)\nparam msaAppType string/);
  });
});

describe('bicep-text helper', () => {
  it('masks strings with nested interpolations and comments, keeping positions', () => {
    const src = "var a = { k: '${split(id, '/')[2]}{' // }\n  n: 1 } /* { */";
    const masked = maskStringsAndComments(src);
    expect(masked.length).toBe(src.length);
    expect(masked.replace(/\s+/g, ' ')).toBe('var a = { k: n: 1 } ');
  });
});

describe('README.md (Deploy to Azure)', () => {
  const doc = read(join(ROOT, 'README.md'));
  const bicepparam = read(join(INFRA, 'main.bicepparam'));
  const envNames = new Set([...bicepparam.matchAll(/readEnvironmentVariable\('(\w+)'/g)].map((m) => m[1]));

  it('every `azd env set NAME` it shows is read by main.bicepparam', () => {
    const shown = [...doc.matchAll(/azd env set (\w+)/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(5);
    expect([...new Set(shown)].filter((n) => !envNames.has(n))).toEqual([]);
  });

  it('every azd environment value in its options table is read by main.bicepparam', () => {
    const table = doc.slice(doc.indexOf('| azd environment value | effect |'), doc.indexOf('### Adding clusters'));
    const names = [...table.matchAll(/^\| `(\w+)/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(5);
    expect(names.filter((n) => !envNames.has(n))).toEqual([]);
  });

  it('names every azd output it tells the reader to use', () => {
    const outputs = new Set([...main.matchAll(/^output (\w+) /gm)].map((m) => m[1]));
    const used = [...doc.matchAll(/`((?:FUNCTION_APP|ALERTS|TEAMS_MESSAGING|SLACK_(?:COMMANDS|INTERACTIONS)|BOT|APP_IDENTITY|KUBERNETES_EVENTS)\w*)`/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((n) => !outputs.has(n))).toEqual([]);
  });

  it('has the least-privilege table naming every role infra/ grants', () => {
    const roles = Object.keys(JSON.parse(read(join(INFRA, 'modules', 'role-ids.json')))).filter((k) => !k.startsWith('$'));
    const table = doc.slice(doc.indexOf('| role | scope | why |'));
    for (const role of roles) expect({ role, inTable: table.includes(role) }).toEqual({ role, inTable: true });
  });
});

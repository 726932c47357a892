import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AzureAuthorityHosts } from '@azure/identity';
import { AUTHORITY_HOSTS } from '../../lib/azure/cloud-endpoints';
import { funcIgnore } from '../../scripts/deploy-package';

/** How azd packages and Bicep scales the app (issue 16): the config read as text. */
const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

describe('packaging and always-ready configuration', () => {
  it('azd deploys dist/deploy built by `npm run package`, without a remote build', () => {
    const api = (parseYaml(read('azure.yaml')) as { services: { api: Record<string, unknown> & { hooks: { prepackage: { posix: { run: string } } } } } }).services.api;
    expect({ dist: api.dist, remoteBuild: api.remoteBuild, prepackage: api.hooks.prepackage.posix.run }).toEqual({ dist: 'dist/deploy', remoteBuild: false, prepackage: 'npm run package' });
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; main: string };
    expect(pkg.scripts.package).toContain('deploy-package');
    expect(pkg.main).toBe('dist/app/main.mjs');
  });

  it('.funcignore keeps node_modules (azd refuses remoteBuild: false otherwise) and drops sources, tests and tooling', () => {
    const ignored = funcIgnore(read('.funcignore'));
    expect(['node_modules/@azure/functions/dist/azure-functions.js', 'dist/app/main.mjs', 'host.json', 'package.json'].filter(ignored)).toEqual([]);
    expect(['test/app/x.test.ts', 'bench/run.ts', 'docs/events.md', 'out/demo/a.json', 'lib/app/create-services.ts', 'functions/k8s-events.ts', 'local.settings.json', 'scripts/bundle.cjs', 'reports/mutation/mutation.html', '.stryker-tmp/sandbox-1/x.js'].filter((f) => !ignored(f))).toEqual([]);
  });

  it('Bicep keeps one always-ready instance for the HTTP group, as a parameter', () => {
    const main = read('infra/main.bicep');
    expect(main).toMatch(/@minValue\(0\)\s*\n@maxValue\(\d+\)\s*\nparam alwaysReady int = 1/);
    expect(main).toMatch(/alwaysReadyHttpInstances: alwaysReady\b/);
    expect(read('infra/modules/function-app.bicep')).toContain("alwaysReady: alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : []");
  });

  it('the authority hosts written out to keep @azure/identity out of the cold start are the SDK\'s', () => {
    expect(AUTHORITY_HOSTS).toEqual({ AzureCloud: AzureAuthorityHosts.AzurePublicCloud, AzureChinaCloud: AzureAuthorityHosts.AzureChina, AzureUSGovernment: AzureAuthorityHosts.AzureGovernment });
  });
});

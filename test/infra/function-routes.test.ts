import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { INFRA, ROOT, read } from './bicep-text';
import { functionRegistrations, routePrefix } from './function-routes';

/** The URLs infra/ and the chat app manifests point at are routes the functions really register. */
const { http, eventGrid } = functionRegistrations();
const routes = new Map(http.map((f) => [f.route, f]));
const main = read(join(INFRA, 'main.bicep'));

function expectRoute(route: string, authLevel: string): void {
  const fn = routes.get(route);
  expect({ route, registered: Boolean(fn), authLevel: fn?.authLevel }).toEqual({ route, registered: true, authLevel });
}

describe('function routes used by infra/ and the chat manifests', () => {
  it('keeps the default /api prefix the URLs assume', () => {
    expect(routePrefix()).toBe('api');
  });

  it('alerts: the action group webhook (function key in ?code=)', () => {
    expectRoute('alerts', 'function');
    expect(read(join(INFRA, 'modules', 'alerts.bicep'))).toContain('/api/alerts?code=');
  });

  it('Event Grid subscriptions deliver to functions that exist', () => {
    const acr = /param acrEventsFunctionName string = '([^']+)'/.exec(main)![1];
    const k8s = /param kubernetesEventsFunctionName string = '([^']+)'/.exec(main)![1];
    expect(eventGrid).toEqual(expect.arrayContaining([acr, k8s]));
  });

  it('messages: the Teams bot endpoint (Bot Framework authenticates, no function key)', () => {
    expectRoute('messages', 'anonymous');
  });

  it('slack/commands and slack/interactions: the Slack manifest URLs (signature-checked, no function key)', () => {
    const manifest = parseYaml(read(join(ROOT, 'slack', 'manifest.yaml'))) as {
      features: { slash_commands: Array<{ url: string }> };
      settings: { interactivity: { request_url: string } };
    };
    const urls = [...manifest.features.slash_commands.map((c) => c.url), manifest.settings.interactivity.request_url];
    const paths = urls.map((u) => new URL(u).pathname);
    expect(paths).toEqual(['/api/slack/commands', '/api/slack/interactions']);
    for (const p of paths) expectRoute(p.replace(/^\/api\//, ''), 'anonymous');
  });

  it('every endpoint main.bicep outputs is a registered route', () => {
    const outputPaths = [...main.matchAll(/^output \w+ string = 'https:\/\/\$\{functionApp\.outputs\.hostName\}\/api\/([^']+)'/gm)].map((m) => m[1]);
    expect(outputPaths.length).toBeGreaterThanOrEqual(4);
    expect(outputPaths.filter((p) => !routes.has(p))).toEqual([]);
  });
});

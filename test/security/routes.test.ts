import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { optionalRoutes, routeEnabled } from '../../lib/app/http-routes';
import { readSettings } from '../../lib/config/settings';

/**
 * Attack: endpoints registered in modes that never use them (the Slack routes in a Teams
 * deployment, the HTTP copies of the Event Grid endpoints that only a host key protects). A route
 * that is not registered cannot be reached.
 */
const FUNCTIONS = join(__dirname, '..', '..', 'functions');

describe('routes exist only in the modes that use them', () => {
  it.each([
    ['console', false, ['event-grid-http']],
    ['slack', false, ['event-grid-http', 'slack-commands', 'slack-interactions']],
    ['slack-webhook', true, ['slack-commands']],
    ['slack', true, ['slack-commands', 'slack-interactions']],
    ['teams', true, ['teams-messages']],
    ['teams-workflow', true, []],
    ['console', true, []],
  ])('PULL_DOCTOR_CHAT=%s, in Azure %s → %j', (chat, inAzure, expected) => {
    const settings = readSettings({ PULL_DOCTOR_CHAT: chat, ...(inAzure ? { WEBSITE_SITE_NAME: 'func-x' } : {}) });
    expect([...optionalRoutes(settings)].sort()).toEqual([...expected].sort());
  });

  it.each([
    ['a route sender', [{ cluster: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', sender: 'aks', tokenSha256: 'a'.repeat(64) }], true],
    ['only a topic binding', [{ cluster: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks', topic: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t' }], false],
    ['no senders', [], false],
  ])('the Kubernetes sender route exists with %s: %s', (_name, senders, registered) => {
    const settings = readSettings({ WEBSITE_SITE_NAME: 'func-x', PULL_DOCTOR_K8S_EVENT_SENDERS: JSON.stringify(senders) });
    expect(optionalRoutes(settings).has('k8s-senders')).toBe(registered);
  });

  it('settings that cannot be read register no optional route', () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(routeEnabled('slack-commands', () => readSettings({ PULL_DOCTOR_CHAT: 'slack', PULL_DOCTOR_BOT_LOCAL_MODE: 'true', WEBSITE_SITE_NAME: 'x' }))).toBe(false);
    } finally {
      errors.mockRestore();
    }
  });

  it('every anonymous route and every HTTP copy of an Event Grid endpoint is registered behind routeEnabled', () => {
    const guarded: string[] = [];
    for (const file of readdirSync(FUNCTIONS).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(FUNCTIONS, file), 'utf8');
      for (const m of text.matchAll(/^(.*)app\.http\('([^']+)',\s*\{([^}]*)\}/gm)) {
        const [, before, name, options] = m as unknown as [string, string, string, string];
        const optional = /authLevel: 'anonymous'/.test(options) || /route: 'events\//.test(options);
        if (!optional) continue;
        // The registration sits in `if (routeEnabled('…'))` on the same line or the enclosing block.
        const guardedHere = /routeEnabled\('/.test(before) || new RegExp(`if \\(routeEnabled\\('[a-z-]+'\\)\\) \\{[^]*app\\.http\\('${name}'`).test(text);
        expect({ name, guardedHere }).toEqual({ name, guardedHere: true });
        guarded.push(name);
      }
    }
    expect(guarded.sort()).toEqual(['acrEventsWebhook', 'changeEventsWebhook', 'k8sEventsWebhook', 'k8sSenderEvents', 'messages', 'slack-commands', 'slack-interactions']);
  });
});

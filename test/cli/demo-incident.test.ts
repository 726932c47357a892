import path from 'node:path';
import { demoIncident } from '../../lib/cli/commands/demo';
import { diagnoseInSandbox } from '../../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../../lib/sandbox/load-world';

describe('the demo incident', () => {
  it.each([
    // The message says "firewall" (403 from the registry), the checks find the private DNS zone: the label follows the root cause.
    ['private-dns-not-linked', 'demo-private-dns'],
    ['healthy', 'demo-should-work'],
  ])('of %s is labelled %s', async (name, id) => {
    const world = loadWorld(path.join(WORLDS_DIR, `${name}.yaml`));
    const diagnosis = await diagnoseInSandbox(world, { checkTimeoutMs: 8000 });
    expect(demoIncident(world, diagnosis).id).toBe(id);
  }, 30_000);
});

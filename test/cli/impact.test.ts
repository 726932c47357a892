import { runCli } from '../../lib/cli/main';
import { captureIO } from '../helpers/cli-io';

describe('pull-doctor impact', () => {
  it('prints the at-risk workloads with the failing check and fix; exit 1', async () => {
    const cap = captureIO();
    expect(await runCli(['impact', '--world', 'change-tag-deleted'], cap.io)).toBe(1);
    expect(cap.out()).toMatch(/⚠ Will fail on next pull: 3 pods in 1 workload/);
    expect(cap.out()).toMatch(/shop\/Deployment\/web {2}3 pods {2}myacr\.azurecr\.io\/app:v1\.2/);
    expect(cap.out()).toMatch(/\$ kubectl set image deployment\/web web=myacr\.azurecr\.io\/app:v1\.1 -n shop/);
  }, 60_000);

  it('--json has the documented shape; nothing at risk is exit 0, could not decide exit 2', async () => {
    const json = captureIO();
    expect(await runCli(['impact', '--world', 'change-nothing-affected', '--json'], json.io)).toBe(0);
    const parsed = JSON.parse(json.out()) as { atRisk: unknown[]; change: { kind: string } };
    expect(parsed).toMatchObject({ atRisk: [], change: { kind: 'tag-deleted' } });
    const undecided = captureIO();
    expect(await runCli(['impact', '--world', 'change-unreadable-scope'], undecided.io)).toBe(2);
    expect(undecided.out()).toMatch(/could not decide .* \(pull-permission\): unknown: could not read role assignments/);
  }, 60_000);

  it.each([
    [['impact'], /--world is required/],
    [['impact', '--world', 'healthy'], /has no `change:` event/],
    [['impact', '--wrld', 'x'], /did you mean --world\?/],
    [['impact', '--world', 'no-such-world'], /no world "no-such-world"/],
  ])('usage error for %j names the flag and the fix; exit 3', async (argv, message) => {
    const cap = captureIO();
    expect(await runCli(argv, cap.io)).toBe(3);
    expect(cap.err()).toMatch(message);
  });
});

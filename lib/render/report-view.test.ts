import { diagnoseWorld } from '../../test/helpers/check-table';
import { renderAdaptiveCard } from './adaptive-card';
import { buildReportView } from './report-view';
import { renderSlack } from './slack';
import { renderText } from './text';

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Worlds whose top root cause is a `warn` finding: its fixes are listed once, not once as root and once as warning. */
describe.each(['abac-condition-unevaluable', 'dockerhub-rate-limited', 'image-4gb', 'no-replica-in-region', 'fleet-abac-principal-attribute-unevaluable', 'fleet-dockerhub-429-known-acr'])('fixes of a warned root cause in %s', (world) => {
  it('are listed once in the view, the text, the card and the Slack message', async () => {
    const diagnosis = await diagnoseWorld(world);
    const top = diagnosis.findings.find((f) => f.checkId === diagnosis.verdict.rootCauses[0]?.checkId);
    expect(top?.status).toBe('warn');
    const view = buildReportView(diagnosis, undefined);
    const texts = view.fixes.map((f) => f.text);
    expect(texts).toEqual([...new Set(texts)]);
    const command = top!.fixes.find((f) => f.command)?.command;
    const fixText = top!.fixes[0]!.text;
    const outputs = {
      text: renderText(diagnosis),
      card: JSON.stringify(renderAdaptiveCard(diagnosis, undefined)),
      slack: JSON.stringify(renderSlack(diagnosis, undefined)),
    };
    // The renderers escape differently: compare on a stable fragment of the first fix sentence.
    const fragment = fixText.slice(0, 25);
    for (const [name, out] of Object.entries(outputs)) {
      expect({ name, times: count(out, fragment) }).toEqual({ name, times: 1 });
    }
    if (command) expect(count(outputs.text, command)).toBe(1);
  }, 30_000);
});

describe('the healthy headline', () => {
  it('says no check failed and why checks were skipped, never "Every check passed" when some did not run', async () => {
    const diagnosis = await diagnoseWorld('healthy');
    const skipped = diagnosis.findings.filter((f) => f.status === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    const { label } = buildReportView(diagnosis, undefined).cause;
    expect(label).toMatch(new RegExp(`^No check failed \\(${skipped.length} skipped: private endpoint — .+\\)$`));
    expect(renderText(diagnosis)).not.toContain('Every check passed');
  }, 30_000);

  it('names the checks skipped for one reason together, after the reason given once', async () => {
    // fleet-mcr-image-skipped-checks: an MCR image skips registry and the six checks that need it.
    const diagnosis = await diagnoseWorld('fleet-mcr-image-skipped-checks');
    expect(buildReportView(diagnosis, undefined).cause.label).toBe(
      'No check failed (7 skipped: registry, pull permission, network rules, node egress, private endpoint, private DNS, geo-replication — mcr.microsoft.com is not an Azure Container Registry)',
    );
  }, 30_000);

  it('says every check passed when every check ran and passed', async () => {
    const diagnosis = await diagnoseWorld('healthy');
    const allRan = { ...diagnosis, findings: diagnosis.findings.filter((f) => f.status !== 'skipped') };
    expect(buildReportView(allRan, undefined).cause.label).toBe('Every check passed');
  }, 30_000);

  it('names a warning instead of saying every check passed', async () => {
    // Every check ran; private DNS warns about a record only another region's replica uses.
    const diagnosis = await diagnoseWorld('spoke-replica-data-record-missing-other-region');
    expect(diagnosis.verdict.outcome).toBe('should_work');
    expect(buildReportView(diagnosis, undefined).cause.label).toBe('No check failed (1 warning: private DNS)');
    expect(renderText(diagnosis)).not.toContain('Every check passed');
  }, 30_000);
});

describe('what pull-doctor could not read', () => {
  it('a 403 line names the refused action and scope once, then the least role', async () => {
    const diagnosis = await diagnoseWorld('fleet-arm-403-replications');
    const line = buildReportView(diagnosis, undefined).checks.find((c) => c.title === 'geo-replication')!;
    expect(line.missing).toBe('least built-in role that grants it: Reader');
    const said = `${line.summary} ${line.missing}`;
    expect(said.split('Microsoft.ContainerRegistry/registries/replications/read').length - 1).toBe(1);
  }, 30_000);
});

describe('one piece of advice per estate', () => {
  // estate-partner-token-secret-wrong-host, orbit-partner-secret-for-own-registry: the pull-secret check read the
  // pod's secret and says to recreate it; the registry check's general "create <registry>-pull" advice is not repeated.
  it.each([
    ['estate-partner-token-secret-wrong-host', 'carrier-pull', 'cxpartneracr-pull'],
    ['orbit-partner-secret-for-own-registry', 'fincore-pull', 'fincorepartneracr-pull'],
  ])('%s: the fix recreates %s and never creates %s, in the text, the card and Slack', async (world, real, generic) => {
    const diagnosis = await diagnoseWorld(world);
    const outputs = {
      text: renderText(diagnosis),
      card: JSON.stringify(renderAdaptiveCard(diagnosis, undefined)),
      slack: JSON.stringify(renderSlack(diagnosis, undefined)),
    };
    for (const [name, out] of Object.entries(outputs)) {
      expect({ name, real: out.includes(real), generic: out.includes(generic) }).toEqual({ name, real: true, generic: false });
    }
  }, 30_000);
});

describe('each fact once', () => {
  // nimbus-custom-dns-forwarders-resolve-public-endpoint: in-cluster-dns (the cause) and private-dns (also possible)
  // both note the VNet's custom DNS servers; the Evidence section says it once.
  it('lists a fact two causes share once in the view and the text', async () => {
    const diagnosis = await diagnoseWorld('nimbus-custom-dns-forwarders-resolve-public-endpoint');
    const facts = buildReportView(diagnosis, undefined).evidence.map((e) => e.fact);
    expect(facts.filter((f) => /custom DNS 10\.210\.0\.68, 10\.210\.0\.69$/.test(f))).toHaveLength(1);
    expect(facts).toContain('rcmediaacr.azurecr.io → 20.48.196.35 inside the cluster (private endpoint: 10.210.4.10)');
    expect(count(renderText(diagnosis), 'uses custom DNS 10.210.0.68, 10.210.0.69 (virtualNetwork dhcpOptions)')).toBe(1);
  }, 30_000);
});

describe('an undecided verdict', () => {
  // estate-udr-firewall-missing-data-endpoint-rule: network-rules is unknown (the egress appliance's rules are
  // not readable) and says which FQDNs to allow; the Fix section shows that, never nothing.
  it('shows the unknown checks’ fixes in the Fix section of the text, the card and Slack', async () => {
    const diagnosis = await diagnoseWorld('estate-udr-firewall-missing-data-endpoint-rule');
    expect(diagnosis.verdict.outcome).toBe('undecided');
    const unknownFix = diagnosis.findings.find((f) => f.status === 'unknown' && f.fixes.length > 0)!.fixes[0]!;
    const view = buildReportView(diagnosis, undefined);
    expect(view.fixes.map((f) => f.text)).toContain(unknownFix.text);
    const fragment = unknownFix.text.slice(0, 30);
    const outputs = {
      text: renderText(diagnosis),
      card: JSON.stringify(renderAdaptiveCard(diagnosis, undefined)),
      slack: JSON.stringify(renderSlack(diagnosis, undefined)),
    };
    for (const [name, out] of Object.entries(outputs)) expect({ name, times: count(out, fragment) }).toEqual({ name, times: 1 });
    expect(outputs.text).toMatch(/\nFix\n/);
  }, 30_000);
});

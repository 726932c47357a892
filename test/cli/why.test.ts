import { EXIT } from '../../lib/cli/command';
import { runCli } from '../../lib/cli/main';
import { incidentId } from '../../lib/incidents/incident-key';
import { TableIncidentStore } from '../../lib/incidents/table-incident-store';
import type { Incident } from '../../lib/model';
import { loadWorld } from '../../lib/sandbox/load-world';
import { resolveWorldPath } from '../../lib/cli/open-engine';
import { useAzurite } from '../helpers/use-azurite';
import { captureIO } from '../helpers/cli-io';

/** `pull-doctor why <incident>` — what shortened chat messages point to — reads the real incident table (Azurite). */
const azurite = useAzurite();

const TABLE = 'pdwhy';

async function storeIncident(world: string): Promise<Incident> {
  const failure = loadWorld(resolveWorldPath(world)).failure;
  const cluster = failure.cluster!;
  const id = incidentId(cluster, failure.image, 'tag_not_found');
  const incident: Incident = {
    id,
    cluster,
    image: failure.image,
    category: 'tag_not_found',
    rootCause: 'repository-tag',
    status: 'open',
    pods: ['shop/web-7d9c8b6f5-x2x4q'],
    namespaces: ['shop'],
    controllers: ['shop/Deployment/web'],
    firstSeen: '2026-12-01T10:00:00Z',
    lastSeen: '2026-12-01T10:05:00Z',
    eventCount: 4,
    sample: { ...failure, source: 'alert' },
  };
  const store = TableIncidentStore.create({ connectionString: azurite.connectionString }, TABLE);
  await store.update(cluster, id, () => incident);
  return incident;
}

describe('pull-doctor why', () => {
  it('finds the incident by id prefix, prints what intake recorded and every check, exit 1 (cause found)', async () => {
    const incident = await storeIncident('tag-missing');
    const c = captureIO('', { AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_INCIDENT_TABLE: TABLE });
    expect(await runCli(['why', incident.id.slice(0, 10), '--world', 'tag-missing'], c.io)).toBe(EXIT.causeFound);
    expect(c.out()).toContain(`incident ${incident.id} · open`);
    expect(c.out()).toContain('4 event(s) from 2026-12-01T10:00:00Z to 2026-12-01T10:05:00Z');
    expect(c.out()).toMatch(/Checks \(1 failed · \d+ passed/);
    expect(c.out()).toMatch(/✖ FAIL {2}repository and tag/);

    const json = captureIO('', { AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_INCIDENT_TABLE: TABLE });
    expect(await runCli(['why', incident.id, '--world', 'tag-missing', '--json'], json.io)).toBe(EXIT.causeFound);
    const parsed = JSON.parse(json.out()) as { incident: { id: string }; diagnosis: { verdict: { rootCauses: Array<{ checkId: string }> } } };
    expect(parsed.incident.id).toBe(incident.id);
    expect(parsed.diagnosis.verdict.rootCauses[0]!.checkId).toBe('repository-tag');
  }, 60_000);

  it.each([
    [['why', 'ffffffffff', '--world', 'tag-missing'], true, /no incident ffffffffff in table pdwhy/],
    [['why', 'not-an-id'], true, /is not an incident id/],
    [['why'], true, /give the incident id/],
    [['why', 'abcdef0123'], false, /no incident storage configured/],
  ])('%j is a usage error (exit 3)', async (argv, withStorage, message) => {
    const c = captureIO('', withStorage ? { AzureWebJobsStorage: azurite.connectionString, PULL_DOCTOR_INCIDENT_TABLE: TABLE } : {});
    expect(await runCli(argv, c.io)).toBe(EXIT.usage);
    expect(c.err()).toMatch(message);
  }, 30_000);
});

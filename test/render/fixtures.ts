import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosisSchema, IncidentSchema, type Diagnosis, type Incident } from '../../lib/model';

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures', 'diagnoses');

export interface DiagnosisFixture {
  name: string;
  diagnosis: Diagnosis;
  incident: Incident;
}

/**
 * Every `<name>.json` Diagnosis in test/fixtures/diagnoses (parsed with DiagnosisSchema, so an invalid
 * fixture fails loudly), with its `<name>.incident.json` when present, else an incident derived from
 * the failure: the lead drops real sandbox diagnoses in here without writing incidents by hand.
 */
export function loadDiagnosisFixtures(dir = FIXTURE_DIR): DiagnosisFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.incident.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.json$/, '');
      const raw: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const parsed = DiagnosisSchema.safeParse(raw);
      if (!parsed.success) throw new Error(`fixture ${file} is not a valid Diagnosis: ${parsed.error.message}`);
      const incidentFile = join(dir, `${name}.incident.json`);
      const incident = existsSync(incidentFile)
        ? IncidentSchema.parse(JSON.parse(readFileSync(incidentFile, 'utf8')))
        : incidentFor(name, parsed.data);
      return { name, diagnosis: parsed.data, incident };
    });
}

export function incidentFor(name: string, diagnosis: Diagnosis): Incident {
  const f = diagnosis.failure;
  return {
    id: `inc-${name}`,
    cluster: f.cluster ?? '',
    image: f.image,
    category: diagnosis.classification.category,
    rootCause: diagnosis.verdict.rootCauses[0]?.checkId,
    status: 'open',
    pods: f.pod && f.namespace ? [`${f.namespace}/${f.pod}`] : [],
    namespaces: f.namespace ? [f.namespace] : [],
    controllers: f.controller && f.namespace ? [`${f.namespace}/${f.controller}`] : [],
    firstSeen: f.firstSeen ?? diagnosis.timings.startedAt,
    lastSeen: f.lastSeen ?? diagnosis.timings.startedAt,
    eventCount: f.count ?? 1,
  };
}

import type { TableEntityResult } from '@azure/data-tables';
import { IncidentSchema, type Incident } from '../model';
import type { IncidentStatus } from './incident-store';

/** An incident row: the incident is the `doc` JSON column; the other columns exist for filters. */
export interface IncidentEntity {
  kind: 'incident';
  status: IncidentStatus;
  image: string;
  cluster: string;
  /** The incident owes a job (outbox): the timer finds these without reading every document. */
  pending: boolean;
  doc: string;
}

/** A string property holds 32K UTF-16 characters; stay well under by shortening the lists (counts stay). */
const DOC_MAX_CHARS = 30_000;

export function fitDoc(incident: Incident): string {
  let doc = JSON.stringify(incident);
  const trimmed = structuredClone(incident);
  trimmed.podCount ??= trimmed.pods.length;
  while (doc.length > DOC_MAX_CHARS && (trimmed.pods.length > 1 || trimmed.controllers.length > 1 || trimmed.namespaces.length > 1)) {
    for (const list of [trimmed.pods, trimmed.controllers, trimmed.namespaces]) list.splice(Math.ceil(list.length / 2));
    doc = JSON.stringify(trimmed);
  }
  if (doc.length > DOC_MAX_CHARS && trimmed.sample?.message) {
    trimmed.sample.message = `${trimmed.sample.message.slice(0, 2000)}…`;
    doc = JSON.stringify(trimmed);
  }
  return doc;
}

export function parseDoc(entity: TableEntityResult<IncidentEntity>): Incident {
  const parsed = IncidentSchema.safeParse(JSON.parse(entity.doc));
  if (!parsed.success) throw new Error(`stored incident ${entity.rowKey} does not match the incident schema: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

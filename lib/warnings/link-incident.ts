import type { IncidentStore } from '../incidents/incident-store';
import type { Logger } from '../intake/logger';
import type { Incident } from '../model';
import type { WarningStore } from './warning-store';

export type WarningLookup = Pick<WarningStore, 'forImage'>;

/**
 * A new pull-failure incident whose (cluster, image) an unresolved warning named: the incident
 * records it (`warnedBy`), so its diagnosis says "warned N min before". One point read by key
 * (the warning store's image index) and one write; a failure here never fails intake.
 */
export async function linkWarning(warnings: WarningLookup, incidents: IncidentStore, incident: Incident, log: Logger, signal?: AbortSignal): Promise<void> {
  try {
    const warning = await warnings.forImage(incident.cluster, incident.image, { signal });
    if (!warning || warning.status === 'resolved') return;
    const pods = warning.totals.pods;
    const warnedBy = { warningId: warning.id, at: warning.createdAt, summary: `${pods} pod${pods === 1 ? '' : 's'} at risk after change ${warning.changeId}`.slice(0, 300) };
    await incidents.update(incident.cluster, incident.id, (c) => (c && !c.warnedBy ? { ...c, warnedBy } : undefined), { signal });
    log.info(`intake: incident ${incident.id} was warned about by warning ${warning.id}`);
  } catch (error) {
    log.warn(`intake: incident ${incident.id}: could not look up a warning for it (${error instanceof Error ? error.message : String(error)})`);
  }
}

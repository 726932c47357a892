import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { contextLogger } from '../lib/intake/logger';
import { runFleetAudit, type FleetAuditResult } from '../lib/warnings/run-fleet-audit';

/** Weekly (PULL_DOCTOR_AUDIT_SCHEDULE): every running image of the allowed clusters, as if every node were recycled; posted only when something is at risk. */
export function fleetAuditHandler(services: () => Services = getServices) {
  return async (_timer: Timer, context: InvocationContext): Promise<FleetAuditResult> => {
    const s = services();
    return runFleetAudit(
      { audit: s.warnings.audit, warnings: s.warnings.service, clusters: s.settings.PULL_DOCTOR_ALLOWED_CLUSTERS, log: contextLogger(context) },
      { signal: AbortSignal.timeout(270_000) },
    );
  };
}

app.timer('fleetAudit', { schedule: '%PULL_DOCTOR_AUDIT_SCHEDULE%', handler: fleetAuditHandler() });

import { z } from 'zod';

/** Prevention settings (issue 18; listed in SETTINGS through this object; kept here to keep settings.ts short). */
export const WARNING_SETTINGS = {
  PULL_DOCTOR_CHANGE_DEBOUNCE_SECONDS: {
    description: 'Azure changes of one kind on one repository or resource within this window are analysed once, at its end (a pipeline deleting 500 tags is one change).',
    example: '120',
  },
  PULL_DOCTOR_AUDIT_SCHEDULE: {
    description:
      'When the fleet audit timer runs (NCRONTAB, six fields, UTC): every running image of the AKS cluster ids in PULL_DOCTOR_ALLOWED_CLUSTERS checked as if every node were recycled; a warning is posted only when something is at risk or could not be checked. Default: Mondays 06:00.',
    example: '0 0 6 * * 1',
  },
};

/** NCRONTAB: {second} {minute} {hour} {day} {month} {day-of-week} (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions). */
export const auditScheduleSetting = z.string().regex(/^(\S+\s+){5}\S+$/, 'must be an NCRONTAB expression with six fields, e.g. 0 0 6 * * 1').default('0 0 6 * * 1');

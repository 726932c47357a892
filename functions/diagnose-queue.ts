import { app, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { contextLogger } from '../lib/intake/logger';
import { runDiagnoseJob, type JobOutcome } from '../lib/jobs/run-diagnose-job';

/** Inside host.json's functionTimeout (5 min), so the job records why it failed before the host kills it. */
const JOB_BUDGET_MS = 270_000;

/**
 * Diagnose jobs. A thrown error makes the runtime retry the message (visibility timeout backoff) and,
 * after host.json maxDequeueCount (5), move it to `<queue>-poison`; the reason stays in the incident table.
 */
export function diagnoseJobHandler(services: () => Services = getServices) {
  return async (message: unknown, context: InvocationContext): Promise<JobOutcome> => {
    const s = services();
    const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
    const outcome = await runDiagnoseJob(message, { ...s.jobDeps(), log: contextLogger(context) }, { dequeueCount, signal: AbortSignal.timeout(JOB_BUDGET_MS) });
    context.log(`diagnose job: ${outcome}`);
    return outcome;
  };
}

app.storageQueue('diagnoseJob', { queueName: '%PULL_DOCTOR_QUEUE_NAME%', connection: 'AzureWebJobsStorage', handler: diagnoseJobHandler() });

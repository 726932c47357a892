import { app, type InvocationContext } from '@azure/functions';
import { getServices, type Services } from '../lib/app/create-services';
import { commandServicesFrom } from '../lib/commands/command-services';
import { contextLogger } from '../lib/intake/logger';
import { runQueuedJob, type QueuedJobOutcome } from '../lib/jobs/run-queued-job';
import type { ResponseUrlOptions } from '../lib/slack/response-url';

/** Inside host.json's functionTimeout (5 min), so the job records why it failed before the host kills it. */
const JOB_BUDGET_MS = 270_000;

/**
 * Diagnose jobs, Slack chat commands that outlived the ack budget, impact analyses and accepted
 * alerts waiting for their Log Analytics read (one queue, told apart by `kind`). A thrown error makes the runtime retry the message (visibility timeout backoff) and,
 * after host.json maxDequeueCount (5), move it to `<queue>-poison`; a diagnose job's reason stays in the incident table.
 */
export function diagnoseJobHandler(services: () => Services = getServices, options: { responseUrl?: ResponseUrlOptions } = {}) {
  return async (message: unknown, context: InvocationContext): Promise<QueuedJobOutcome> => {
    const s = services();
    const log = contextLogger(context);
    const dequeueCount = Number(context.triggerMetadata?.dequeueCount ?? 1);
    const outcome = await runQueuedJob(
      message,
      {
        diagnose: () => ({ ...s.jobDeps(), log }),
        chat: () => ({ services: commandServicesFrom(s), log, responseUrl: options.responseUrl }),
        impact: () => ({ ...s.impactDeps(), log }),
        alert: () => ({ services: s, log }),
      },
      { dequeueCount, signal: AbortSignal.timeout(JOB_BUDGET_MS) },
    );
    context.log(`queue job: ${outcome}`);
    return outcome;
  };
}

app.storageQueue('diagnoseJob', { queueName: '%PULL_DOCTOR_QUEUE_NAME%', connection: 'AzureWebJobsStorage', handler: diagnoseJobHandler() });

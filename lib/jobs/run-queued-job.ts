import { isChatCommandMessage } from '../queue/chat-command-job';
import { decodeQueueMessage } from '../queue/diagnose-job';
import { runChatCommandJob, type ChatJobDeps, type ChatJobOutcome } from './run-chat-command-job';
import { runDiagnoseJob, type JobDeps, type JobOutcome } from './run-diagnose-job';
import { isImpactMessage } from '../queue/impact-job';
import { runImpactJob, type ImpactJobDeps, type ImpactJobOutcome } from './run-impact-job';
import { isAlertExpandMessage } from '../queue/alert-expand-job';
import { runAlertExpandJob, type AlertExpandJobDeps, type AlertExpandJobOutcome } from './run-alert-expand-job';

export type QueuedJobOutcome = JobOutcome | ChatJobOutcome | ImpactJobOutcome | AlertExpandJobOutcome;

/**
 * One message of the work queue, by kind: a Slack chat command (`kind: "chat-command"`), an impact
 * analysis (`impact`), an accepted alert to expand (`alert-expand`), or a diagnose job (no kind; every message written before chat jobs existed). Anything unreadable goes
 * to the diagnose runner, which drops it with one log line.
 */
export async function runQueuedJob(
  message: unknown,
  deps: { diagnose: () => JobDeps; chat: () => ChatJobDeps; impact?: () => ImpactJobDeps; alert?: () => AlertExpandJobDeps },
  meta: { dequeueCount?: number; signal?: AbortSignal } = {},
): Promise<QueuedJobOutcome> {
  const decoded = decodeQueueMessage(message);
  if (decoded.ok && isChatCommandMessage(decoded.value)) return runChatCommandJob(decoded.value, deps.chat(), meta);
  if (decoded.ok && isImpactMessage(decoded.value) && deps.impact) return runImpactJob(decoded.value, deps.impact(), meta);
  if (decoded.ok && isAlertExpandMessage(decoded.value) && deps.alert) return runAlertExpandJob(decoded.value, deps.alert(), meta);
  return runDiagnoseJob(decoded.ok ? decoded.value : message, deps.diagnose(), meta);
}

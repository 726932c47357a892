import { formatImageRef, type Evidence, type Fix, type ImageRef } from '../model';
import type { PreviousImageAnswer } from '../logs/previous-image';
import type { CheckContext } from './check';
import type { TagFacts } from './closest-tags';
import { sh, workloadOf } from './fix-commands';

/** What the repository-tag check learns about the tag the workload ran before. */
export interface PreviousTag {
  /** Only a tag that exists in the registry now: the one to suggest first. */
  tag?: string;
  /** Absent when the question does not apply (an impact check of a workload that runs the tag now). */
  evidence?: Evidence;
  /** `kubectl rollout undo …` when the tag exists and the workload kind can be rolled back. */
  rollback?: Fix;
}

/** Kinds `kubectl rollout undo` accepts (https://kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_undo/). */
const UNDOABLE = new Set(['deployment', 'daemonset', 'statefulset']);

/** No lookup configured for this run, or the question does not apply to this failure. */
export type NoPreviousImage = 'not-configured' | 'not-applicable';

/** Asks Container insights (through the run's lookups) which tag of the repository the failing workload ran before. */
export async function readPreviousImage(ctx: CheckContext, image: ImageRef, host: string): Promise<PreviousImageAnswer | NoPreviousImage> {
  const f = ctx.failure;
  // An impact check (issue 18) diagnoses a workload that runs the tag now: what it ran before is no fix.
  if (f.source === 'change') return 'not-applicable';
  const lookup = ctx.previousImage;
  if (!lookup) return 'not-configured';
  // A reference without a tag pulls `latest`.
  const failingTag = image.tag ?? 'latest';
  const key = `logs previous image ${f.cluster ?? ''} ${f.namespace ?? ''} ${f.controller ?? ''} ${host}/${image.repository}:${failingTag} ${f.firstSeen ?? f.lastSeen ?? ''}`;
  // The lookup answers failures itself; this catches a cancelled run, so the promise never rejects unobserved.
  return ctx.lookups
    .get(key, (signal) => lookup({ failure: f, registry: host, repository: image.repository, failingTag }, signal))
    .catch((error: unknown) => ({ unreadable: true, why: error instanceof Error ? error.message.slice(0, 200) : String(error), source: 'Container insights' }));
}

/** Evidence (always one line: found, none, or could not be read) and, when the tag still exists, the rollback. */
export function previousTag(ctx: CheckContext, image: ImageRef, answer: PreviousImageAnswer | NoPreviousImage, tags: readonly TagFacts[]): PreviousTag {
  if (answer === 'not-applicable') return {};
  if (answer === 'not-configured') {
    return { evidence: { fact: 'the tag the workload ran before could not be read: Container insights is not configured for this run', source: 'Container insights' } };
  }
  if (!answer.found) {
    return { evidence: { fact: answer.unreadable ? `the tag the workload ran before could not be read: ${answer.why}` : `no earlier tag known: ${answer.why}`, source: answer.source } };
  }
  const { tag, pods, lastRunning, controller } = answer.found;
  // A Deployment's pods belong to its ReplicaSets: name the one that ran the tag.
  const owner = controller ? ` of ${answer.workload.startsWith('Deployment/') ? `ReplicaSet ${controller}` : controller}` : '';
  const ran = `${answer.workload} ran ${image.repository}:${tag} before (${pods} pod(s)${owner}, last seen running ${lastRunning})`;
  if (!tags.some((t) => t.name === tag)) {
    // Rolling back would fail the same way: the old tag is gone too.
    return { evidence: { fact: `${ran}, but ${tag} is no longer in the registry`, source: answer.source } };
  }
  const workload = workloadOf(ctx.failure);
  const kind = workload?.split('/')[0];
  const ns = ctx.failure.namespace ? ` -n ${sh(ctx.failure.namespace)}` : '';
  const ref = formatImageRef({ registry: image.registry, repository: image.repository, tag, digest: undefined });
  return {
    tag,
    evidence: { fact: ran, source: answer.source },
    // A preflight checks a manifest before it is applied: there is no rollout to undo yet.
    rollback:
      workload && kind && UNDOABLE.has(kind) && ctx.failure.source !== 'preflight'
        ? { text: `The workload ran ${ref} before: roll back to the previous revision.`, command: `kubectl rollout undo ${workload}${ns}` }
        : undefined,
  };
}

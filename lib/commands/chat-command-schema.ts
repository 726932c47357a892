import { z } from 'zod';
import { parseImageRef } from '../image-ref/parse-image-ref';
import { isImageText, isNamespace, isPodName } from '../intake/names';
import { CLUSTER_TEXT, INCIDENT_REF, WARNING_REF, parseDuration, type ChatCommand, type Verb } from './parse-command';

/**
 * A parsed ChatCommand read back from outside the process (a queued chat job). The same grammars as
 * parse-command.ts apply, so a message edited on the queue cannot smuggle a name into a KQL
 * template or an ARM call that chat itself would have refused.
 */
const incident = z.string().regex(INCIDENT_REF, 'must be an incident id').optional();
const cluster = z.string().regex(CLUSTER_TEXT, 'must be a cluster name').optional();

const schemas = [
  z.object({
    verb: z.literal('diagnose-pod'),
    pod: z.string().refine(isPodName, 'must be a pod name'),
    namespace: z.string().refine(isNamespace, 'must be a namespace').optional(),
    cluster,
  }),
  z.object({
    verb: z.literal('diagnose-image'),
    image: z.string().refine((ref) => isImageText(ref) && parseImageRef(ref).ok, 'must be an image reference'),
    cluster,
  }),
  z.object({ verb: z.literal('recheck'), incident }),
  z.object({ verb: z.literal('why'), incident }),
  z.object({
    verb: z.literal('mute'),
    duration: z.string(),
    durationMs: z.number(),
    incident,
  }).refine((c) => {
    const parsed = parseDuration(c.duration);
    return parsed.ok && parsed.ms === c.durationMs;
  }, 'must be a mute duration of at most 7 days'),
  z.object({ verb: z.literal('resolve'), incident }),
  z.object({ verb: z.literal('status') }),
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('audit'), cluster: z.string().regex(CLUSTER_TEXT, 'must be a cluster name') }),
  z.object({ verb: z.literal('warning-recheck'), warning: z.string().regex(WARNING_REF, 'must be a warning id') }),
  z.object({ verb: z.literal('warning-intended'), warning: z.string().regex(WARNING_REF, 'must be a warning id') }),
  z
    .object({ verb: z.literal('warning-mute'), duration: z.string(), durationMs: z.number(), warning: z.string().regex(WARNING_REF, 'must be a warning id') })
    .refine((c) => {
      const parsed = parseDuration(c.duration);
      return parsed.ok && parsed.ms === c.durationMs;
    }, 'must be a mute duration of at most 7 days'),
] as const;

/** Strips undefined optionals so the value is exactly a ChatCommand. */
function compact(command: Record<string, unknown>): ChatCommand {
  return Object.fromEntries(Object.entries(command).filter(([, v]) => v !== undefined)) as ChatCommand;
}

export const ChatCommandSchema: z.ZodType<ChatCommand, z.ZodTypeDef, unknown> = z.union(schemas).transform(compact);

/**
 * Verbs that only read (incidents, Container insights, ARM, the registry) and answer: running one
 * twice changes nothing, so one that outlives Slack's ack budget can be cancelled here and run
 * again by a queued job. mute/resolve/recheck write state and stay in the request.
 */
export const READ_ONLY_VERBS: ReadonlySet<Verb> = new Set<Verb>(['diagnose-pod', 'diagnose-image', 'why', 'status', 'help', 'audit']);

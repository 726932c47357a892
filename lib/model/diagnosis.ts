import { z } from 'zod';
import { ClassificationSchema } from './category';
import { CHECK_IDS, FindingSchema } from './finding';
import { ImageRefSchema } from './image-ref';
import { PullFailureSchema } from './pull-failure';

/** Bump when a field is renamed or removed; adding fields keeps the version. See docs/diagnosis-schema.md. */
export const DIAGNOSIS_VERSION = '1';

export const RootCauseSchema = z.object({
  checkId: z.enum(CHECK_IDS),
  /** 0..1 */
  confidence: z.number().min(0).max(1),
  summary: z.string(),
});
export type RootCause = z.infer<typeof RootCauseSchema>;

export const VerdictSchema = z.object({
  /** cause_found: a root cause is established; should_work: every check that applies passed;
   *  undecided: nothing failed but something could not be checked. Maps to CLI exit 1 / 0 / 2. */
  outcome: z.enum(['cause_found', 'should_work', 'undecided']),
  rootCauses: z.array(RootCauseSchema),
  /** One sentence for the headline. */
  summary: z.string(),
  /** Set when the kubelet message and the checks point different ways. */
  disagreement: z.string().optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;

export const DiagnosisSchema = z.object({
  version: z.literal(DIAGNOSIS_VERSION),
  failure: PullFailureSchema,
  image: ImageRefSchema.nullable(),
  classification: ClassificationSchema,
  findings: z.array(FindingSchema),
  verdict: VerdictSchema,
  timings: z.object({
    startedAt: z.string(),
    totalMs: z.number().nonnegative(),
    checks: z.record(z.string(), z.number().nonnegative()),
  }),
  /** Outgoing calls made for this diagnosis (cache hits are not counted). */
  requests: z.object({
    arm: z.number().int().nonnegative(),
    registry: z.number().int().nonnegative(),
    logs: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

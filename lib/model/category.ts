import { z } from 'zod';

/** What the kubelet message says happened. One classifier (lib/classify) maps text to these. */
export const CATEGORIES = [
  'auth_missing',
  'access_denied',
  'firewall_denied',
  'tag_not_found',
  'repo_not_found',
  'platform_mismatch',
  'dns_failure',
  'network_unreachable',
  'tls_error',
  'rate_limited',
  'timeout_or_size',
  'disk_pressure',
  'invalid_reference',
  'never_pull',
  'registry_unavailable',
  'unknown',
] as const;

export type Category = (typeof CATEGORIES)[number];
export const CategorySchema = z.enum(CATEGORIES);

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** The classifier's answer for one message. Field names are part of the CLI's JSON contract. */
export const ClassificationSchema = z.object({
  category: CategorySchema,
  /** 0..1 */
  confidence: z.number().min(0).max(1),
  /** Other categories the text alone cannot rule out, most likely first (never includes `category`). */
  candidates: z.array(CategorySchema),
  explanation: z.string(),
  /** The runtime's own error inside the kubelet text, when one was found. */
  runtimeError: z.string().optional(),
  /** The kubelet reason (ErrImagePull, ImagePullBackOff, …) when the text names one. */
  reason: z.string().optional(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

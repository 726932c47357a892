import { z } from 'zod';

/**
 * Every application setting the code reads, in one place. `infra/` must set each of these and
 * `local.settings.sample.json` must list each with its description (checked by test/infra).
 * Add a setting here, never read `process.env` elsewhere.
 */
export interface SettingSpec {
  description: string;
  /** Secrets come from Key Vault references in Azure and are never logged or rendered. */
  secret?: boolean;
  /** Example value for local.settings.sample.json (never a real secret). */
  example: string;
}

const csv = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []));
const int = (def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be a whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const SETTINGS = {
  AZURE_CLIENT_ID: {
    description: 'Client id of the user-assigned managed identity pull-doctor runs as (DefaultAzureCredential reads it).',
    example: '00000000-0000-0000-0000-000000000000',
  },
  PULL_DOCTOR_SUBSCRIPTIONS: {
    description: 'Comma-separated subscription ids searched for registries by login server; empty = every subscription the identity can see.',
    example: '',
  },
  PULL_DOCTOR_ALLOWED_CLUSTERS: {
    description: 'Comma-separated AKS cluster or resource group ids that alerts and chat may ask about; empty = any cluster the identity can read.',
    example: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aks',
  },
  PULL_DOCTOR_CACHE_TTL_SECONDS: {
    description: 'How long Azure lookups are reused across diagnoses (seconds).',
    example: '60',
  },
  PULL_DOCTOR_CHECK_TIMEOUT_MS: {
    description: 'Time budget of one check (milliseconds); a check over budget becomes unknown.',
    example: '10000',
  },
} satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

const SettingsSchema = z.object({
  AZURE_CLIENT_ID: z.string().optional(),
  PULL_DOCTOR_SUBSCRIPTIONS: csv,
  PULL_DOCTOR_ALLOWED_CLUSTERS: csv,
  PULL_DOCTOR_CACHE_TTL_SECONDS: int(60),
  PULL_DOCTOR_CHECK_TIMEOUT_MS: int(10_000),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Parse settings once, at the edge. A bad value fails with the setting's name and the problem. */
export function readSettings(env: Record<string, string | undefined> = process.env): Settings {
  const parsed = SettingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid application settings: ${problems}`);
  }
  return parsed.data;
}

import { z } from 'zod';

/** Intake settings (listed in SETTINGS through this object; kept here to keep settings.ts short). */
export const INTAKE_SETTINGS = {
  PULL_DOCTOR_ALERT_RULES: {
    description:
      'Comma-separated names or resource ids of the alert rules pull-doctor\'s infra creates (log search rules, Prometheus rule groups or their alert names); infra writes them. Other alerts reaching the webhook are acknowledged and ignored unless their query is the pull-failure template or their dimensions name an image or pod.',
    example: 'pull-doctor-image-pull-failures-abc123,PullDoctorImagePullBackOff',
  },
  PULL_DOCTOR_K8S_EVENT_SENDERS: {
    description:
      'JSON array binding each Kubernetes event sender to its cluster: {"cluster": "<AKS id>", "topic": "<Event Grid topic id>"} (Event Grid schema events from that topic) or {"cluster": "<AKS id>", "sender": "<name>", "tokenSha256": "<hex>"} (raw exporter webhook at /api/events/k8s/<name> with Authorization: Bearer <token>). Set = events name their cluster only through it. Empty = the cluster comes from the event (single-tenant setups).',
    example: '',
  },
  PULL_DOCTOR_ALERT_AUTH_APP_ID: {
    description:
      'Client id of the Entra app registration Azure Monitor\'s secure webhook gets its token for: /api/alerts then requires that bearer token (issuer, audience, signature, Azure Monitor\'s app id) besides the function key. Required in Azure; unset outside Azure = function key only.',
    example: '',
  },
  PULL_DOCTOR_ALERT_AUTH_TENANT_ID: {
    description: 'Tenant of that app registration (the token issuer); defaults to MicrosoftAppTenantId.',
    example: '',
  },
};

const AKS_CLUSTER_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i;
/** One Kubernetes event sender bound to its cluster (PULL_DOCTOR_K8S_EVENT_SENDERS). */
export const K8sEventSenderSchema = z.union([
  z.object({ cluster: z.string().regex(AKS_CLUSTER_ID, 'must be an AKS cluster id'), topic: z.string().regex(/^\/subscriptions\/.+\/providers\/Microsoft\.EventGrid\/(topics|domains)\/[^/]+$/i, 'must be an Event Grid topic id') }).strict(),
  z
    .object({
      cluster: z.string().regex(AKS_CLUSTER_ID, 'must be an AKS cluster id'),
      sender: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a route name (lowercase letters, digits, hyphens)'),
      tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex SHA-256 of the sender token'),
    })
    .strict(),
]);
export type K8sEventSender = z.infer<typeof K8sEventSenderSchema>;
export const K8sEventSendersSchema = z.array(K8sEventSenderSchema);

/** The setting's text: a JSON array of senders; unset = none (events name their own cluster). */
export const k8sEventSendersSetting = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return [];
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be a JSON array' });
      return z.NEVER;
    }
    const parsed = K8sEventSendersSchema.safeParse(json);
    if (!parsed.success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

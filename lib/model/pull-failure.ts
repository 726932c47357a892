import { z } from 'zod';

export const SIGNAL_SOURCES = ['alert', 'prometheus-alert', 'k8s-event', 'acr-event', 'cli', 'chat', 'preflight', 'sandbox', 'change'] as const;

/** One observed image pull failure (or, for preflight and chat, one image to check). */
export const PullFailureSchema = z.object({
  /** AKS cluster ARM resource id, when known. */
  cluster: z.string().optional(),
  namespace: z.string().optional(),
  pod: z.string().optional(),
  container: z.string().optional(),
  /** Workload owning the pod, e.g. `Deployment/web` (used for `kubectl set image`). */
  controller: z.string().optional(),
  /** Image reference as written in the pod spec. */
  image: z.string(),
  /** Kubelet reason: ErrImagePull, ImagePullBackOff, InvalidImageName, ErrImageNeverPull, Failed, BackOff… */
  reason: z.string().optional(),
  /** Kubelet event message, verbatim. */
  message: z.string().optional(),
  node: z.string().optional(),
  firstSeen: z.string().optional(),
  lastSeen: z.string().optional(),
  count: z.number().int().nonnegative().optional(),
  source: z.enum(SIGNAL_SOURCES),
});
export type PullFailure = z.infer<typeof PullFailureSchema>;

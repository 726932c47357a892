import { z } from 'zod';

export const AZURE_CLOUDS = ['AzureCloud', 'AzureChinaCloud', 'AzureUSGovernment'] as const;
export type AzureCloud = (typeof AZURE_CLOUDS)[number];

/** What a host name tells about an Azure Container Registry. */
export const AcrHostSchema = z.object({
  /** Registry resource name, e.g. `myacr` for `myacr.azurecr.io`. */
  registryName: z.string(),
  cloud: z.enum(AZURE_CLOUDS),
  /** login: `myacr.azurecr.io`; regional: `myacr.westeurope.geo.azurecr.io` / replica login;
   *  data: a dedicated data endpoint `myacr.westeurope.data.azurecr.io`. */
  kind: z.enum(['login', 'regional', 'data']),
  region: z.string().optional(),
  /** The canonical login server, e.g. `myacr.azurecr.io`. */
  loginServer: z.string(),
});
export type AcrHost = z.infer<typeof AcrHostSchema>;

/** A parsed image reference with Docker's defaults applied. */
export const ImageRefSchema = z.object({
  /** The reference exactly as written in the pod spec. */
  original: z.string(),
  /** Registry host with optional port, lowercase: `docker.io`, `myacr.azurecr.io`, `localhost:5000`. */
  registry: z.string(),
  /** Repository path inside the registry: `library/nginx`, `team/app`. */
  repository: z.string(),
  tag: z.string().optional(),
  digest: z.string().optional(),
  /** True when the reference had no registry and `docker.io` was assumed. */
  registryDefaulted: z.boolean(),
  /** True when neither tag nor digest was written and `latest` was assumed. */
  tagDefaulted: z.boolean(),
  /** Set when the registry is an Azure Container Registry host. */
  acr: AcrHostSchema.optional(),
  /** A likely intended registry host when the written one looks like a typo (`azureacr.io`). */
  suggestion: z.string().optional(),
});
export type ImageRef = z.infer<typeof ImageRefSchema>;

/** `registry/repository:tag@digest`, the canonical form. */
export function formatImageRef(ref: Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

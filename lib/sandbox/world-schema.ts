import { z } from 'zod';
import { CategorySchema, CHECK_IDS, PullFailureSchema } from '../model';

/**
 * The sandbox world format (DESIGN.md "Sandbox"). A world is an Azure estate plus the failure that
 * starts a run and what a correct diagnosis says. Shared by the demo, the tests and the benchmarks.
 */

/** An ARM resource exactly as GET returns it. Only id/name/type are required; the rest passes through. */
export const ArmResourceSchema = z
  .object({
    id: z.string().regex(/^\/(subscriptions|providers\/Microsoft\.Management)\//i, 'must be a full ARM resource id'),
    name: z.string().min(1),
    type: z.string().regex(/^[A-Za-z0-9.]+\/[A-Za-z0-9/]+$/, 'must look like Provider.Namespace/type'),
    location: z.string().optional(),
    properties: z.record(z.string(), z.unknown()).optional(),
    sku: z.record(z.string(), z.unknown()).optional(),
    identity: z.record(z.string(), z.unknown()).optional(),
    tags: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();
export type ArmResource = z.infer<typeof ArmResourceSchema>;

/**
 * `os/arch[/variant]`, or with the image's `os.version` in containerd's platform specifier form
 * `os(<os.version>)/arch` (https://github.com/containerd/platforms, Parse), e.g.
 * `windows(10.0.20348.2966)/amd64`: Windows images carry their build there (OCI image-spec, image index `platform.os.version`).
 */
export const PlatformSchema = z.string().regex(/^[a-z0-9]+(\([0-9.]+\))?\/[a-z0-9]+(\/[a-z0-9.]+)?$/, 'os[(os.version)]/arch[/variant], e.g. linux/amd64 or windows(10.0.20348.2966)/amd64');

export const TagSchema = z.object({
  platforms: z.array(PlatformSchema).min(1).default(['linux/amd64']),
  /** Compressed size of each platform's image (config + layers). */
  sizeBytes: z.number().int().positive().default(50_000_000),
  /** ISO time the tag was last pushed: ACR's tag `lastUpdateTime` (orders "newest tags"). Default 2025-01-01T00:00:00Z. */
  pushedAt: z.string().optional(),
  // acrclient (#17): ACR data-plane tag times.
  /** ISO time the tag was first pushed: ACR's tag `createdTime`. Default: `pushedAt`. */
  createdOn: z.string().datetime({ offset: true }).optional(),
});

export const RegistryContentSchema = z.object({
  repositories: z
    .record(
      z.string(),
      z.object({
        tags: z.record(z.string(), TagSchema),
        /**
         * A private repository on a public registry (Docker Hub, GHCR, Quay): anonymous tokens carry no
         * pull access for it, so the registry answers 401 as Docker Hub does for a private repository.
         */
        private: z.boolean().optional(),
      }),
    )
    .default({}),
  /** Tags deleted recently (what an ImageDeleted event would have told). */
  deletedTags: z
    .array(z.object({ repository: z.string(), tag: z.string(), deletedAt: z.string() }))
    .default([]),
  /** Anonymous pull enabled on the data plane (mirrors the ARM property). */
  anonymousPull: z.boolean().default(false),
  /** A registry that is not ACR (e.g. docker.io) can answer every manifest request with this error. */
  failWith: z.object({ status: z.number().int(), code: z.string(), message: z.string() }).optional(),
});
export type RegistryContent = z.infer<typeof RegistryContentSchema>;

/** Fault/latency injection for a route (a regex on `METHOD path`), per world or per run. */
export const FaultSchema = z.object({
  route: z.string().default('.*'),
  server: z.enum(['arm', 'registry', 'logs', 'any']).default('any'),
  delayMs: z.number().int().nonnegative().optional(),
  jitterMs: z.number().int().nonnegative().optional(),
  status: z.number().int().min(400).max(599).optional(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  reset: z.boolean().optional(),
  hang: z.boolean().optional(),
  /** How many matching requests the fault applies to; unlimited when absent. */
  times: z.number().int().positive().optional(),
});
export type Fault = z.infer<typeof FaultSchema>;

export const CustomRoleSchema = z.object({
  id: z.string(),
  name: z.string(),
  roleName: z.string(),
  actions: z.array(z.string()).default([]),
  notActions: z.array(z.string()).default([]),
  dataActions: z.array(z.string()).default([]),
  notDataActions: z.array(z.string()).default([]),
  assignableScopes: z.array(z.string()).default(['/']),
});

export const ExpectSchema = z.object({
  category: CategorySchema,
  /** Check ids that must be among verdict.rootCauses; empty = the pull should work. */
  rootCause: z.array(z.enum(CHECK_IDS)).default([]),
  /** Strings every one of which must appear in some fix command or text. */
  fixIncludes: z.array(z.string()).default([]),
  /** Strings that must each appear in what some unknown finding says it could not read (summary or missing), e.g. the refused ARM action. */
  missingIncludes: z.array(z.string()).default([]),
  /** Check ids that must come out `unknown` (the caller could not read something). */
  unknown: z.array(z.enum(CHECK_IDS)).default([]),
  outcome: z.enum(['cause_found', 'should_work', 'undecided']).optional(),
  /** Prevention (issue 18): `<namespace>/<Kind>/<name>` of every workload the world's `change` puts at risk; empty = nothing. */
  atRisk: z.array(z.string().regex(/^[a-z0-9-]+\/[A-Za-z]+\/[a-z0-9.-]+$/, '<namespace>/<Kind>/<name>, e.g. shop/Deployment/web')).optional(),
  /** Prevention: the impact analysis must end undecided (exit 2) — e.g. the change is in a scope pull-doctor cannot read. */
  undecided: z.boolean().optional(),
});

/** A client secret's validity, never its value. `endsInDays` is relative to the sandbox's start (so a world stays "expiring soon"). */
const ClientSecretSchema = z
  .object({
    displayName: z.string().optional(),
    endDateTime: z.string().datetime({ offset: true }).optional(),
    endsInDays: z.number().optional(),
  })
  .strict()
  .refine((c) => (c.endDateTime === undefined) !== (c.endsInDays === undefined), 'give endDateTime or endsInDays');

const k8sName = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'a Kubernetes (DNS-1123) name');

/**
 * What only the cluster knows, answered by the sandbox's AKS Run Command (lib/sandbox/arm/run-command.ts).
 * Secrets are metadata and registry hosts only: the schema has no field for a credential.
 */
export const ClusterSectionSchema = z
  .object({
    /** PULL_DOCTOR_IN_CLUSTER pull-doctor runs with in this world. */
    mode: z.enum(['off', 'read', 'probe']).default('read'),
    /** The caller lacks managedClusters/runCommand/action: POST runCommand answers 403 AuthorizationFailed. */
    runCommandDenied: z.boolean().default(false),
    pods: z.array(z.object({ namespace: k8sName, name: k8sName, imagePullSecrets: z.array(k8sName).default([]) }).strict()).default([]),
    secrets: z
      .array(
        z
          .object({
            namespace: k8sName,
            name: k8sName,
            type: z.string().default('kubernetes.io/dockerconfigjson'),
            /** Keys of `.dockerconfigjson` `auths` (as written: `https://index.docker.io/v1/` is fine). */
            hosts: z.array(z.string()).default([]),
            /**
             * The username as the command pod reports it: a GUID is a service principal's appId (not a
             * secret; it comes back), `other` any other username (never shown), `none` no username.
             */
            username: z.union([z.enum(['other', 'none']), z.string().uuid()]).default('other'),
            /** Kubernetes RBAC refuses the caller this secret. */
            forbidden: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    /** host → IPv4 answers of the cluster's resolver (absent: no answer). */
    dns: z.record(z.string(), z.array(z.string())).default({}),
    /** What a canipull pod prints on the node pool (mode probe). */
    nodePull: z
      .object({
        steps: z.array(z.object({ step: z.string(), result: z.enum(['SUCCEEDED', 'FAILED']) }).strict()),
        exitCode: z.number().int().min(0).max(255),
        /**
         * What the manifest HEAD pod reports (status codes and digest only). Absent: derived — a node
         * that passes canipull gets 200s and the registry content's answer for the manifest; one that fails gets exchange 401.
         */
        head: z
          .object({
            identity: z.enum(['ok', 'none']).default('ok'),
            exchange: z.number().int().optional(),
            token: z.number().int().optional(),
            manifest: z.number().int().optional(),
            digest: z.string().regex(/^sha256:[0-9a-f]{64}$/).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type ClusterSection = z.infer<typeof ClusterSectionSchema>;

/** `afterChange`: the composition keys that edit a world (ids as in `resources`). */
export const AfterChangeSchema = z
  .object({
    removeResources: z.array(z.string().min(1)).optional(),
    resources: z.array(z.object({ id: z.string().min(1) }).passthrough()).optional(),
    patch: z.array(z.object({ id: z.string().min(1), set: z.record(z.string(), z.unknown()).optional(), unset: z.array(z.string()).optional() }).strict()).optional(),
    registries: z.record(z.string(), z.unknown()).optional(),
    logs: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export const WorldSchema = z.object({
  description: z.string().min(1),
  /** Include in `npm run demo`. */
  demo: z.boolean().default(false),
  /** The identity pull-doctor runs as. */
  caller: z.object({
    principalId: z.string().uuid(),
    tenantId: z.string().uuid().optional(),
    deniedActions: z.array(z.string()).default([]),
    /**
     * Actions refused only at and below one scope (a subscription, resource group or resource), as when
     * the caller holds Reader on some subscriptions and only a narrower role (e.g. Cost Management
     * Reader) on another that Subscriptions - List still shows.
     */
    deniedAt: z.array(z.object({ scope: z.string().min(1), actions: z.array(z.string().min(1)).min(1) }).strict()).default([]),
  }),
  /** Subscriptions visible to the caller (ids as in resource ids). Derived from resources when absent. */
  subscriptions: z.array(z.object({ subscriptionId: z.string(), displayName: z.string().optional(), tenantId: z.string().optional() })).optional(),
  resources: z.array(ArmResourceSchema).default([]),
  roleDefinitions: z.array(CustomRoleSchema).default([]),
  /**
   * Entra ID service principals the world knows (what a Microsoft Graph lookup would return), so a
   * service-principal cluster's `servicePrincipalProfile.clientId` (an appId) can be mapped to the
   * object id that role assignments name, and its secret expiry can be reported.
   */
  servicePrincipals: z
    .array(
      z.object({
        appId: z.string().uuid(),
        objectId: z.string().uuid(),
        displayName: z.string(),
        /** Shorthand for one app registration secret ending then. */
        secretExpiresAt: z.string().datetime({ offset: true }).optional(),
        /** The app registration's passwordCredentials (az ad sp create-for-rbac, az ad app credential reset): dates only. */
        applicationSecrets: z.array(ClientSecretSchema).default([]),
        /** passwordCredentials on the service principal object (az ad sp credential reset): dates only. */
        servicePrincipalSecrets: z.array(ClientSecretSchema).default([]),
      }),
    )
    .default([]),
  /** Microsoft Graph as the caller sees it (lib/sandbox/graph-server.ts). */
  graph: z
    .object({
      /** The caller lacks Application.Read.All: Graph answers 403 Authorization_RequestDenied. */
      denied: z.boolean().default(false),
    })
    .strict()
    .default({}),
  /** In-cluster state for AKS Run Command; absent = pull-doctor runs with PULL_DOCTOR_IN_CLUSTER=off. */
  cluster: ClusterSectionSchema.optional(),
  registries: z.record(z.string(), RegistryContentSchema).default({}),
  /** Log Analytics rows by workspace id (customerId), Container insights tables. */
  logs: z.record(z.string(), z.record(z.string(), z.array(z.record(z.string(), z.unknown())))).default({}),
  /** The failure the run starts from (what intake would produce). */
  failure: PullFailureSchema,
  /** The raw alert or event as Azure sends it, when the world also exercises intake. */
  trigger: z.unknown().optional(),
  faults: z.array(FaultSchema).default([]),
  /**
   * Resources that were deleted while other resources still name them (ARM keeps a cluster's kubelet
   * identity resourceId after the identity is deleted): GET answers 404, and the world test lets these
   * ids, and only these, dangle.
   */
  deletedResources: z.array(z.string().startsWith('/subscriptions/')).default([]),
  expect: ExpectSchema,
  // ── Prevention (issue 18): a change and the state it leaves ──────────────────────────────────
  /** The Event Grid event(s) of an Azure change, exactly as Azure delivers them (one event or a batch, either schema). */
  change: z.unknown().optional(),
  /**
   * What a write leaves behind, in the composition grammar (lib/sandbox/world-compose.ts), applied
   * on top of the world before the re-check. Deletes need none: the deleted tag, role assignment,
   * DNS record or endpoint is removed from the world by the change itself (lib/prevent/world-change.ts).
   */
  afterChange: AfterChangeSchema.optional(),
});
export type World = z.infer<typeof WorldSchema>;
export type WorldInput = z.input<typeof WorldSchema>;

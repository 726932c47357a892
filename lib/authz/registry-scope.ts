import { parseImageRef } from '../image-ref/parse-image-ref';
import { RegistryEgressPolicy } from '../registry/egress-policy';

/**
 * Whether an image typed in chat names a registry pull-doctor may contact: the engine's egress
 * policy (lib/registry/egress-policy.ts) without ARM, which chat cannot know. Refused: hosts no ARM
 * answer could allow — neither on PULL_DOCTOR_ALLOWED_REGISTRIES, nor a built-in public registry,
 * nor an Azure Container Registry host — and loopback/link-local addresses. An ACR host passes here;
 * the diagnosis contacts it only if ARM resolves it.
 */
export function chatRegistryProblem(image: string, allowedRegistries: readonly string[]): string | undefined {
  const parsed = parseImageRef(image);
  if (!parsed.ok) return 'not a valid image reference';
  const decision = new RegistryEgressPolicy({ allowedRegistries }).decideWithoutArm(parsed.ref.registry);
  return decision.allowed === false ? decision.reason : undefined;
}

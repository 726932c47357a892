import { parseImageRef } from '../../image-ref/parse-image-ref';
import { formatImageRef } from '../../model';
import type { Check, CheckOutcome } from '../check';
import { setImageCommand } from '../fix-commands';
import { importFixes, knownRegistryOf } from '../docker-hub-import';
import { DOCS } from './docs';

const SOURCE = 'pod spec (image as written)';

/** The reference parses; typos in ACR host names; Docker Hub's anonymous rate limit. */
export const imageReferenceCheck: Check = {
  id: 'image-reference',
  title: 'image reference',
  needs: [],
  provides: ['image'],
  async run(ctx): Promise<CheckOutcome> {
    const { failure, classification } = ctx;
    const parsed = parseImageRef(failure.image);
    if (!parsed.ok) {
      const corrected = parsed.suggestion ?? lowercased(failure.image);
      const command = corrected ? setImageCommand(failure, corrected) : undefined;
      return {
        finding: {
          status: 'fail',
          summary: `The image reference "${failure.image.slice(0, 200)}" is invalid: ${parsed.error}`,
          evidence: [{ fact: `${parsed.part} is wrong: ${parsed.error}`, source: SOURCE }],
          fixes: [
            {
              text: corrected
                ? `Use a valid reference, e.g. ${corrected} in the workload's pod spec.`
                : 'Fix the reference in the workload’s pod spec (lowercase repository, tag of letters, digits, `_.-`).',
              command,
            },
          ],
          docs: DOCS.imageNames,
        },
      };
    }
    const ref = parsed.ref;
    if (ref.suggestion) {
      const fixedRef = { ...ref, registry: ref.suggestion };
      const fixedText = formatImageRef(fixedRef);
      const again = parseImageRef(fixedText);
      return {
        finding: {
          status: 'fail',
          summary: `The registry host ${ref.registry} looks like a typo of ${ref.suggestion}`,
          evidence: [{ fact: `image is ${failure.image}; ${ref.registry} is not an Azure Container Registry host`, source: SOURCE }],
          fixes: [{ text: `Point the workload at ${fixedText}.`, command: setImageCommand(failure, fixedText) }],
          docs: DOCS.imageNames,
        },
        // Later checks look at the registry that was meant, so the rest of the chain still says something.
        facts: again.ok ? { image: again.ref } : {},
      };
    }
    if (ref.registry === 'docker.io') {
      const limited = classification.category === 'rate_limited';
      return {
        finding: {
          status: limited ? 'warn' : 'pass',
          summary: limited
            ? `Docker Hub rate-limited the pull of ${formatImageRef(ref)}: anonymous pulls are limited per source IP, and every node behind one egress IP shares the limit`
            : `${formatImageRef(ref)} is on Docker Hub (not checked against Azure)`,
          evidence: [
            { fact: `registry is docker.io${ref.registryDefaulted ? ' (no registry written: Docker Hub is assumed)' : ''}`, source: SOURCE },
          ],
          fixes: limited ? importFixes(ctx, ref, await knownRegistryOf(ctx)) : [],
          docs: limited ? DOCS.importImage : undefined,
        },
        facts: { image: ref },
      };
    }
    return {
      finding: {
        status: 'pass',
        summary: `${formatImageRef(ref)} is a valid reference${ref.acr ? ` on the Azure Container Registry ${ref.acr.loginServer}` : ` on ${ref.registry}`}`,
        evidence: [{ fact: `registry ${ref.registry}, repository ${ref.repository}${ref.tag ? `, tag ${ref.tag}` : ''}${ref.digest ? `, digest ${ref.digest}` : ''}`, source: SOURCE }],
        fixes: [],
      },
      facts: { image: ref },
    };
  },
};

function lowercased(image: string): string | undefined {
  const lower = image.toLowerCase();
  // Stryker disable next-line ConditionalExpression: a shortcut; without it the unchanged text is parsed again and fails as it did
  if (lower === image) return undefined;
  // Tags may hold uppercase; only the name part must be lowercase.
  const at = image.lastIndexOf(':');
  const slash = image.lastIndexOf('/');
  // Stryker disable next-line EqualityOperator: at === slash only when there is neither ':' nor '/', and such a name either parses with a suggestion or fails lowercased too
  const candidate = at > slash ? `${image.slice(0, at).toLowerCase()}${image.slice(at)}` : lower;
  return parseImageRef(candidate).ok ? candidate : undefined;
}

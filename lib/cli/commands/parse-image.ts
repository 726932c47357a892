import { parseImageRef } from '../../image-ref/parse-image-ref';
import { formatImageRef, type ImageRef } from '../../model/image-ref';
import { EXIT, UsageError, type Command } from '../command';
import { parseOptions } from '../options';

const USAGE = `usage: pull-doctor parse-image [--json] [--acr <name>]… <image reference>

Parses an image reference as kubelet does (Docker defaults: docker.io, library/, latest) and
says whether the registry is an Azure Container Registry, or looks like a typo of one.
--acr <name>  a registry name you own, so "<name>/app" suggests <name>.azurecr.io (repeatable)
Exit: 0 valid, 1 invalid (the cause a kubelet reports as InvalidImageName; the reason is printed),
3 usage error, 4 internal error.`;

function humanText(ref: ImageRef): string {
  const lines = [
    `reference:  ${formatImageRef(ref)}`,
    `registry:   ${ref.registry}${ref.registryDefaulted ? ' (default: Docker Hub)' : ''}`,
    `repository: ${ref.repository}`,
  ];
  if (ref.tag) lines.push(`tag:        ${ref.tag}${ref.tagDefaulted ? ' (default)' : ''}`);
  if (ref.digest) lines.push(`digest:     ${ref.digest}`);
  if (ref.acr) {
    const where = ref.acr.kind === 'login' ? 'login server' : `${ref.acr.kind} endpoint in ${ref.acr.region}`;
    lines.push(`acr:        ${ref.acr.registryName} (${ref.acr.cloud}, ${where}; login server ${ref.acr.loginServer})`);
  }
  if (ref.suggestion) lines.push(`did you mean registry ${ref.suggestion}?`);
  return lines.join('\n');
}

export const parseImageCommand: Command = {
  name: 'parse-image',
  summary: 'parse an image reference; recognise ACR login servers and typos',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      json: { type: 'boolean' },
      acr: { type: 'string', multiple: true },
    });
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'give one image reference' : `expected one image reference, got ${positionals.length}`);
    }
    const result = parseImageRef(positionals[0], { knownAcrNames: values.acr ?? [] });
    if (!result.ok) {
      const hint = result.suggestion ? ` (did you mean ${result.suggestion}?)` : '';
      if (values.json) {
        io.out(JSON.stringify({ error: result.error, part: result.part, ...(result.suggestion ? { suggestion: result.suggestion } : {}) }, null, 2));
      } else {
        io.err(`invalid image reference: ${result.part}: ${result.error}${hint}`);
      }
      return EXIT.causeFound;
    }
    io.out(values.json ? JSON.stringify(result.ref, null, 2) : humanText(result.ref));
    return EXIT.ok;
  },
};

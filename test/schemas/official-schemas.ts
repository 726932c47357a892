import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * The official JSON schemas committed under test/fixtures/schemas (SOURCES.md says where each comes
 * from), compiled with ajv. Each validator returns the errors as `path: message` lines, so a test
 * failure names the wrong field.
 */
export const SCHEMA_DIR = join(__dirname, '..', 'fixtures', 'schemas');

function readSchema(...parts: string[]): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, ...parts), 'utf8')) as Record<string, unknown>;
}

export type Check = (value: unknown) => string[];

function checker(validate: ValidateFunction): Check {
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describe));
}

function describe(e: ErrorObject): string {
  const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty: string }).additionalProperty})` : '';
  return `${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
}

/** Teams app manifest v1.30 (draft-04). */
export function teamsManifestCheck(): Check {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return checker(ajv.compile(readSchema('teams', 'MicrosoftTeams.v1.30.schema.json')));
}

/** Slack app manifest (draft-07): the root schema picks v1 or v2 by `_metadata.major_version`. */
export function slackManifestCheck(): Check {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // The root schema refers to the version schemas by their published URLs; serve them from the committed copies.
  ajv.addSchema(readSchema('slack', 'manifest.schema.1.0.0.json'), 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json');
  ajv.addSchema(readSchema('slack', 'manifest.schema.2.0.0.json'), 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json');
  return checker(ajv.compile(readSchema('slack', 'manifest.schema.json')));
}

/** Adaptive Cards 1.5 (draft-06, with draft-04 style `id`). */
export function adaptiveCardCheck(): Check {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as Record<string, unknown>);
  const { id: _id, ...schema } = readSchema('adaptive-cards', 'adaptive-card.1.5.0.json');
  return checker(ajv.compile(schema));
}

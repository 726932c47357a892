import { checkPath, loadSlices } from '../helpers/bicep-type-slice';
import { filesUnder, INFRA, read, rel } from './bicep-text';
import { resourceBodies } from './bicep-resource-bodies';

/**
 * Every resource in infra/ against Azure/bicep-types-az's generated types (the types the Bicep
 * compiler itself checks with): the type@apiVersion exists, and every property the body writes
 * exists at that path and is not read-only. Slices of the type files are committed under
 * test/fixtures/bicep-types (SOURCES.md; `node scripts/slice-bicep-types.js` regenerates them).
 */
const slices = loadSlices();

const files = filesUnder(INFRA, ['.bicep']);
const declared = files.flatMap((file) => resourceBodies(read(file)).map((r) => ({ ...r, file: rel(file) })));

describe('Bicep resources against Azure/bicep-types-az', () => {
  it('finds the resources (the parser sees what the files declare)', () => {
    expect(declared.length).toBeGreaterThanOrEqual(40);
    const site = declared.find((r) => r.type === 'Microsoft.Web/sites' && !r.existing)!;
    expect(site.properties.map((p) => p.path.join('.'))).toEqual(expect.arrayContaining(['properties.functionAppConfig.runtime.name', 'identity.userAssignedIdentities']));
  });

  it('every type@apiVersion exists', () => {
    const missing = declared.filter((r) => !slices.has(`${r.type}@${r.apiVersion}`.toLowerCase())).map((r) => `${r.file}:${r.line} ${r.type}@${r.apiVersion}`);
    expect(missing).toEqual([]);
  });

  it('every property written exists at its path and is writable', () => {
    const problems: string[] = [];
    for (const r of declared.filter((d) => !d.existing)) {
      const slice = slices.get(`${r.type}@${r.apiVersion}`.toLowerCase());
      if (!slice) continue;
      for (const p of r.properties) {
        const problem = checkPath(slice, p.path);
        if (problem) problems.push(`${r.file}:${p.line} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails on a misspelt, misplaced or read-only property (the check can fail)', () => {
    const slice = slices.get('microsoft.web/sites@2024-04-01')!;
    expect(checkPath(slice, ['properties', 'httpsOnly'])).toBeUndefined();
    expect(checkPath(slice, ['properties', 'httpOnly'])).toMatch(/no such property/);
    expect(checkPath(slice, ['httpsOnly'])).toMatch(/no such property/);
    expect(checkPath(slice, ['properties', 'defaultHostName'])).toMatch(/read-only/);
    expect(checkPath(slice, ['properties', 'siteConfig', 'appSettings[]', 'nam'])).toMatch(/no such property/);
  });
});

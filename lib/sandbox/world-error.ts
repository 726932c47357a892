import path from 'node:path';

/** A malformed world: `<file>: <path.inside.file>: <problem>`. */
export class WorldError extends Error {
  override readonly name = 'WorldError';
  constructor(
    /** The world file the problem is in (for a problem in an extended base: the base file). */
    readonly file: string,
    /** Where inside the file: `resources[3].id`, `line 4, column 7`, or '' for the whole file. */
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path ? `${basename(file)}: ${path}` : basename(file)}: ${problem}`);
  }
}

function basename(file: string): string {
  return path.basename(file);
}

/** `a.b[3].c`, with keys that are not plain words quoted: `registries["myacr.azurecr.io"]`. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

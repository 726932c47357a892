import { parseArgs } from 'node:util';
import { UsageError } from './command';
import { closest } from './suggest';

type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/**
 * Shared option parsing: strict, so a typo in a flag is a usage error, not silently ignored; the
 * error names the flag and, when it is one typo away, the flag that was meant.
 */
export function parseOptions<T extends OptionSpec>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorFor(error, options);
  }
}

function usageErrorFor(error: unknown, options: OptionSpec): Error {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return error as Error;
  const message = (error as Error).message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    // Node: "Unknown option '--jsn'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--jsn\"".
    const typed = /Unknown option '([^']*)'/.exec(message)?.[1] ?? '';
    const flags = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
    const meant = typed.startsWith('--') ? closest(typed, flags.filter((f) => f.startsWith('--'))) : undefined;
    const shown = typed.length > 60 ? `${typed.slice(0, 60)}…` : typed;
    return new UsageError(`unknown option ${JSON.stringify(shown)}${meant ? ` — did you mean ${meant}?` : ''}`);
  }
  return new UsageError(message.split('. To specify')[0] ?? message);
}

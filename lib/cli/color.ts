import { WriteStream } from 'node:tty';

/**
 * Whether the CLI colours its output, by Node's own rule (the one `util.styleText` applies to a
 * stream): FORCE_COLOR decides when set; otherwise a terminal with more than two colours, where
 * NO_COLOR, NODE_DISABLE_COLORS and TERM=dumb mean two. `env` is the CLI's, so tests can set it.
 */
export function colorEnabled(isTTY: boolean, env: Record<string, string | undefined>): boolean {
  // getColorDepth reads only the env it is given (Node's internal/tty), so it can answer for any env.
  const depth = WriteStream.prototype.getColorDepth.call(undefined as unknown as WriteStream, env);
  if (env.FORCE_COLOR !== undefined) return depth > 2;
  return isTTY && depth > 2;
}

/** The CLI's small command interface: each command is one file under lib/cli/commands/. */

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Rewrites one status line on a terminal (live progress); absent when not interactive. */
  status?(text: string): void;
  /** True when stdout is a terminal. */
  isTTY: boolean;
  /** Colour wanted on stdout (lib/cli/color.ts: TTY, NO_COLOR, FORCE_COLOR); false when absent. */
  color?: boolean;
  /** Reads all of standard input (for `-f -` and piped Helm output). */
  readStdin(): Promise<string>;
  env: Record<string, string | undefined>;
}

export interface Command {
  name: string;
  /** One line for `pull-doctor help`. */
  summary: string;
  /** Usage text shown on a usage error. */
  usage: string;
  /** Returns the process exit code. Throw UsageError for bad arguments (exit 3). */
  run(args: string[], io: CliIO): Promise<number>;
}

/** Bad arguments: the CLI prints the message and the command's usage, and exits 3. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Exit codes, the same for every command (README "The command line"):
 * 0 the pull should work / the command did what was asked, 1 cause found, 2 could not decide,
 * 3 usage error (bad flag, argument or setting), 4 internal error (an unexpected exception: a bug or
 * an environment failure the command could not turn into an answer; the message says which).
 */
export const EXIT = { ok: 0, causeFound: 1, undecided: 2, usage: 3, internal: 4 } as const;

/** The exit-code paragraph every usage text ends with. */
export const EXIT_CODES_TEXT = 'Exit: 0 should work / done, 1 cause found, 2 could not decide, 3 usage error, 4 internal error.';

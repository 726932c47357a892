/** The CLI's small command interface: each command is one file under lib/cli/commands/. */

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Rewrites one status line on a terminal (live progress); absent when not interactive. */
  status?(text: string): void;
  /** True when stdout is a terminal (colour, live progress). */
  isTTY: boolean;
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

export const EXIT = { ok: 0, causeFound: 1, undecided: 2, usage: 3 } as const;

import type { CliIO } from '../../lib/cli/command';

export interface CapturedIO {
  io: CliIO;
  out: () => string;
  err: () => string;
}

/** A CliIO that records what a command prints (no TTY), with `stdin` as standard input. */
export function captureIO(stdin = '', env: Record<string, string | undefined> = {}): CapturedIO {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      isTTY: false,
      readStdin: async () => stdin,
      env,
    },
    out: () => out.join('\n'),
    err: () => err.join('\n'),
  };
}

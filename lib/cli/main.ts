import fs from 'node:fs';
import path from 'node:path';
import { COMMANDS } from './commands';
import { EXIT, UsageError, type CliIO } from './command';
import { colorEnabled } from './color';
import { closest } from './suggest';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'pull-doctor — finds why an AKS pod cannot pull its image',
    '',
    'usage: pull-doctor <command> [options]   (pull-doctor <command> --help for its options)',
    '       pull-doctor --version',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Exit codes (every command): 0 should work / done, 1 cause found, 2 could not decide,',
    '3 usage error, 4 internal error. NO_COLOR / FORCE_COLOR are honoured.',
  ].join('\n');
}

/** The version in the package.json this code ships in (found upwards, so it works from lib/, dist/ or a bundle). */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pull-doctor' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

/** Runs one CLI invocation and returns its exit code (never throws). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.out(`pull-doctor ${packageVersion()} (node ${process.version})`);
    return EXIT.ok;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    // Asked for help: stdout, exit 0. No command at all is a usage error: stderr, exit 3.
    if (name) io.out(helpText());
    else io.err(`pull-doctor: no command given\n\n${helpText()}`);
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    const meant = closest(name, COMMANDS.map((c) => c.name));
    const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
    io.err(`pull-doctor: unknown command ${JSON.stringify(shown)}${meant ? ` — did you mean "${meant}"?` : ''}\n\n${helpText()}`);
    return EXIT.usage;
  }
  const command = entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pull-doctor ${name}: ${error.message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    // Not an answer and not the user's mistake: its own exit code, so scripts never read it as "could not decide".
    io.err(`pull-doctor ${name}: internal error: ${error instanceof Error ? error.message : String(error)}`);
    // Where it happened, for the bug report (frames only: the message above is already printed).
    const frames = error instanceof Error ? error.stack?.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5) : undefined;
    if (frames?.length) io.err(frames.join('\n'));
    return EXIT.internal;
  }
}

export function processIO(): CliIO {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    isTTY,
    color: colorEnabled(isTTY, process.env),
    status: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[K${text}`) : undefined,
    env: process.env,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

if (require.main === module) {
  void runCli(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}

import type { CliIO } from '../../lib/cli/command';
import { diagnoseCommand } from '../../lib/cli/commands/diagnose';
import { DiagnosisSchema, type Diagnosis } from '../../lib/model';

/** What `pull-doctor diagnose --world <name> --json` prints, through the real CLI command. */
export async function cliDiagnosis(world: string): Promise<Diagnosis> {
  const out: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: () => undefined, isTTY: false, env: {}, readStdin: async () => '' };
  await diagnoseCommand.run(['--world', world, '--json'], io);
  return DiagnosisSchema.parse(JSON.parse(out.join('\n')));
}

import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import { redact } from './redact';

/** "checking network rules, private DNS… 6/11", or "diagnosing…" before the first check reports. */
export function progressLine(progress?: DiagnosisProgress): string {
  if (!progress || progress.total === 0) return 'diagnosing…';
  const running = progress.running.length > 0 ? `checking ${progress.running.slice(0, 3).join(', ')}${progress.running.length > 3 ? ' …' : ''}` : 'finishing';
  return redact(`${running}… ${progress.done}/${progress.total}`);
}

/** A text progress bar of fixed width: "▰▰▰▰▰▰▱▱▱▱▱". */
export function progressBar(progress: DiagnosisProgress, width = 11): string {
  const ratio = progress.total > 0 ? Math.min(1, Math.max(0, progress.done / progress.total)) : 0;
  const filled = Math.round(ratio * width);
  return '▰'.repeat(filled) + '▱'.repeat(width - filled);
}

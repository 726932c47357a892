import type { DiagnosisProgress } from '../diagnosis/diagnoser';
import type { ChatMessageRef, Diagnosis, Incident } from '../model';
import { progressLine } from '../render/progress';
import { redact } from '../render/redact';
import type { RenderOptions } from '../render/report-view';
import { renderText, renderTextProgress, renderTextResolved } from '../render/text';
import type { ChatPort } from './chat-port';
import { renderWarningText } from '../render/warning';
import type { Warning } from '../warnings/warning';
import type { WarningChatPort } from './warning-chat-port';

export interface ConsoleChatOptions {
  /** Where the text goes; the CLI passes its CliIO.out. */
  write?: (text: string) => void;
  /** ANSI colours; default: when stdout is a terminal. */
  color?: boolean;
  render?: RenderOptions;
}

/** The chat port for the CLI and the demo: the same content as Slack and Teams, as terminal text. */
export class ConsoleChat implements ChatPort, WarningChatPort {
  readonly platform = 'console' as const;
  private readonly write: (text: string) => void;
  private readonly color: boolean;
  private readonly lastProgress = new Map<string, string>();

  constructor(private readonly options: ConsoleChatOptions = {}) {
    this.write = options.write ?? ((text) => process.stdout.write(text));
    this.color = options.color ?? Boolean(process.stdout.isTTY);
  }

  async start(incident: Incident): Promise<ChatMessageRef> {
    this.write(renderTextProgress(incident, undefined, { color: this.color }));
    return { platform: 'console', channel: 'stdout', ts: incident.id };
  }

  async progress(ref: ChatMessageRef, incident: Incident, progress: DiagnosisProgress): Promise<void> {
    // One line per change of what is running, not per tick.
    const line = progressLine(progress);
    const key = ref.ts ?? incident.id;
    if (this.lastProgress.get(key) === line) return;
    this.lastProgress.set(key, line);
    this.write(renderTextProgress(incident, progress, { color: this.color }));
  }

  async diagnosis(ref: ChatMessageRef, incident: Incident, diagnosis: Diagnosis): Promise<void> {
    this.lastProgress.delete(ref.ts ?? incident.id);
    this.write(`\n${renderText(diagnosis, incident, { ...this.options.render, color: this.color })}`);
  }

  async resolved(_ref: ChatMessageRef, incident: Incident, how: string): Promise<void> {
    this.write(renderTextResolved({ ...incident, status: 'resolved' }, how, { color: this.color }));
  }

  async unfinished(_ref: ChatMessageRef, incident: Incident, reason: string): Promise<ChatMessageRef | undefined> {
    this.write(`⚠ ${redact(incident.image)}: could not finish: ${redact(reason)} (incident ${incident.id}; pull-doctor diagnose to try again)\n`);
    return undefined;
  }

  async postWarning(warning: Warning): Promise<ChatMessageRef> {
    this.write(`\n${renderWarningText(warning, { now: new Date(), color: this.color })}`);
    return { platform: 'console', channel: 'stdout', ts: warning.id };
  }

  async updateWarning(_ref: ChatMessageRef, warning: Warning): Promise<void> {
    this.write(`\n${renderWarningText(warning, { now: new Date(), color: this.color })}`);
  }

  async withdraw(): Promise<void> {
    // Terminal text cannot be taken back; the retry's lines follow.
  }

  async reply(_ref: ChatMessageRef, text: string): Promise<void> {
    this.write(`  ↳ ${redact(text).replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '')}\n`);
  }
}

import type { ChatLogger } from '../../lib/chat/chat-logger';
import { loadDiagnosisFixtures } from '../render/fixtures';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export function captureLogger(): ChatLogger & { lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const push = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => lines.push({ level, message, fields });
  return { lines, info: push('info'), warn: push('warn'), error: push('error'), text: () => JSON.stringify(lines) };
}

export function acrNotAttached() {
  const fixture = loadDiagnosisFixtures().find((f) => f.name === 'acr-not-attached');
  if (!fixture) throw new Error('fixture acr-not-attached missing');
  return fixture;
}

export const PROGRESS = [
  { done: 2, total: 11, running: ['registry', 'cluster'] },
  { done: 6, total: 11, running: ['network rules'], last: { checkId: 'pull-permission' as const, title: 'pull permission', status: 'fail' as const } },
  { done: 11, total: 11, running: [] },
];

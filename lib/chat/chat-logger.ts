import { redact, redactDeep } from '../render/redact';

/** What the chat adapters log through; the Functions host, the CLI and tests each pass their own. */
export interface ChatLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: ChatLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** Wraps a logger so nothing credential-like reaches it, whatever an adapter or SDK hands over. */
export function redactingLogger(logger: ChatLogger): ChatLogger {
  const wrap = (level: keyof ChatLogger) => (message: string, fields?: Record<string, unknown>) =>
    logger[level](redact(message), fields === undefined ? undefined : redactDeep(fields));
  return { info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}

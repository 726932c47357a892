/**
 * The log sink intake, incidents, queue and jobs write to. The Functions `InvocationContext`
 * (log/warn/error) and `console` both fit it. Never pass secrets or whole payloads.
 */
export interface Logger {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Lines go to stderr so CLI JSON output on stdout stays clean. */
export const consoleLogger: Logger = {
  info: (m, ...d) => console.error(m, ...d),
  warn: (m, ...d) => console.error(m, ...d),
  error: (m, ...d) => console.error(m, ...d),
};

/** Adapts the Functions InvocationContext (its `log` is info level). */
export function contextLogger(context: { log(...a: unknown[]): void; warn(...a: unknown[]): void; error(...a: unknown[]): void }): Logger {
  return { info: (m, ...d) => context.log(m, ...d), warn: (m, ...d) => context.warn(m, ...d), error: (m, ...d) => context.error(m, ...d) };
}

/** Text from a payload, cut to a length a log line can carry (reasons, not payloads). */
export function clipForLog(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

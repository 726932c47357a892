/** A webhook body as JSON, or why it is not. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, reason: `body is not JSON (${error instanceof Error ? error.message.split('\n')[0] : 'parse error'})` };
  }
}

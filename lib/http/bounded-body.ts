/**
 * Request bodies are bounded before they are read: a declared Content-Length over the limit is
 * refused without touching the body, and a chunked (or lying) body is cut off as soon as the bytes
 * read pass the limit. Nothing is parsed here; the caller authenticates and parses the text.
 */
/** The parts of a web ReadableStream this reads (the Functions runtime hands one over). */
interface ByteStream {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> };
  cancel(reason?: unknown): Promise<void>;
}

export interface BodySource {
  headers: { get(name: string): string | null };
  /** The request body as the runtime streams it, or null when there is none. */
  body: ByteStream | null;
}

export type BoundedBody = { ok: true; text: string } | { ok: false; status: 400 | 413; error: string };

/**
 * Documented limits per entry point (bytes). Slack and Teams send small requests; alerts and
 * Event Grid get what the platforms send, with margin. Sources in docs/security.md.
 */
export const BODY_LIMITS = {
  /** Slash command form: a few hundred bytes of fields plus the command text. */
  slackCommand: 16 * 1024,
  /** block_actions: the form-encoded JSON payload carries the message the button sits on (our messages stay well below this). */
  slackInteraction: 64 * 1024,
  /** Bot Framework activities from Teams (message text up to ~28 KB plus the envelope). */
  teamsActivity: 64 * 1024,
  /** Azure Monitor common alert schema: 256 KB per alert at most, doubled. */
  alert: 512 * 1024,
  /** Event Grid: 1 MB per event, and a batch is at most 1 MB unless one event alone is; 1.5 MiB with margin. */
  eventGrid: 1536 * 1024,
} as const;

/** Event Grid delivers one event per request unless maxEventsPerBatch says otherwise (ours never do); more than this is refused. */
export const MAX_EVENTS_PER_DELIVERY = 100;

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KiB`;
}

export async function readBoundedText(request: BodySource, limitBytes: number): Promise<BoundedBody> {
  const tooLarge = (): BoundedBody => ({ ok: false, status: 413, error: `request body over the ${kib(limitBytes)} limit` });
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared.trim())) return { ok: false, status: 400, error: 'Content-Length is not a number' };
    if (Number(declared) > limitBytes) {
      // Not read: the runtime discards what it did not hand over.
      await request.body?.cancel().catch(() => undefined);
      return tooLarge();
    }
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge();
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
}

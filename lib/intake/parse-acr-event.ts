import type { CloudEvent, EventGridEvent } from '@azure/eventgrid';
import { z } from 'zod';
import { eventGridSdk, type IsSystemEvent } from './event-grid-sdk';
import { isRegistryHost, isRepositoryName } from './names';

/**
 * ACR system events (`Microsoft.ContainerRegistry.ImagePushed` / `ImageDeleted`) from Event Grid,
 * in the Event Grid or the CloudEvents schema. The SDK deserializer checks the envelope; the
 * type guard picks the events; zod checks the data we use (the typings trust the wire, we do not).
 * `@azure/eventgrid` loads on the first ACR event, not at the app's start (lib/app/lazy-ports.ts).
 */
export type AcrEvent =
  /** `leftOut`: fields that failed their grammar or bound and were left out (logged by the handler). */
  | { kind: 'push' | 'delete'; id: string; loginServer: string; repository: string; tag?: string; digest?: string; timestamp: string; leftOut?: string[] }
  | { kind: 'ignored'; id: string; reason: string }
  | { kind: 'malformed'; id?: string; reason: string };

const AcrDataSchema = z.object({
  timestamp: z.string().optional(),
  target: z.object({
    repository: z.string().min(1),
    tag: z.string().optional(),
    digest: z.string().optional(),
  }),
  request: z.object({ host: z.string().optional() }).partial().optional(),
});

/** OCI digest grammar (algorithm ":" encoded, https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests), bounded: sha512 hex is 135 characters. */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const MAX_DIGEST = 200;

/** An RFC 3339 time as ACR writes it (up to nanoseconds); anything else is left out for the envelope's time. */
function validTime(text: string | undefined): string | undefined {
  return text !== undefined && text.length <= 40 && /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)) ? text : undefined;
}

/** `/subscriptions/…/providers/Microsoft.ContainerRegistry/registries/myacr` → `myacr.azurecr.io` (public cloud fallback). */
function hostFromTopic(topic: string | undefined): string | undefined {
  const name = topic ? /\/registries\/([A-Za-z0-9]{5,50})$/i.exec(topic)?.[1] : undefined;
  return name ? `${name}.azurecr.io` : undefined;
}

/** The envelope time, a fallback only: the SDK turns an unreadable time string into an Invalid Date. */
function envelopeTime(time: Date | undefined): string | undefined {
  return time && !Number.isNaN(time.getTime()) ? time.toISOString() : undefined;
}

function fromEvent(
  isSystemEvent: IsSystemEvent,
  event: EventGridEvent<unknown> | CloudEvent<unknown>,
  topic: string | undefined,
  time: string | undefined,
): AcrEvent {
  const push = isSystemEvent('Microsoft.ContainerRegistry.ImagePushed', event as EventGridEvent<unknown>);
  const del = !push && isSystemEvent('Microsoft.ContainerRegistry.ImageDeleted', event as EventGridEvent<unknown>);
  const type = 'eventType' in event ? event.eventType : event.type;
  if (!push && !del) return { kind: 'ignored', id: event.id, reason: `event type ${type}` };
  const data = AcrDataSchema.safeParse(event.data);
  if (!data.success) return { kind: 'malformed', id: event.id, reason: `data.${data.error.issues[0]!.path.join('.')}: ${data.error.issues[0]!.message}` };
  const loginServer = (data.data.request?.host ?? hostFromTopic(topic))?.toLowerCase();
  if (!loginServer || !isRegistryHost(loginServer)) return { kind: 'malformed', id: event.id, reason: 'no registry login server in data.request.host' };
  const { repository, tag, digest } = data.data.target;
  if (!isRepositoryName(repository)) return { kind: 'malformed', id: event.id, reason: 'data.target.repository is not a repository name' };
  if (tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(tag)) return { kind: 'malformed', id: event.id, reason: 'data.target.tag is not a tag' };
  const goodDigest = digest !== undefined && digest.length <= MAX_DIGEST && DIGEST.test(digest) ? digest : undefined;
  if (!tag && !goodDigest) return { kind: 'malformed', id: event.id, reason: 'data.target has neither a tag nor a valid digest' };
  const timestamp = validTime(data.data.timestamp);
  const leftOut = [...(digest !== undefined && !goodDigest ? ['data.target.digest'] : []), ...(data.data.timestamp !== undefined && !timestamp ? ['data.timestamp'] : [])];
  return {
    kind: push ? 'push' : 'delete',
    id: event.id,
    loginServer,
    repository,
    ...(tag ? { tag } : {}),
    ...(goodDigest ? { digest: goodDigest } : {}),
    timestamp: timestamp ?? time ?? new Date().toISOString(),
    ...(leftOut.length ? { leftOut } : {}),
  };
}

const ACR_PREFIX = 'Microsoft.ContainerRegistry.';

/**
 * What publishers and Microsoft's own samples really send, made canonical before the SDK reads it:
 * the event type without its `Microsoft.ContainerRegistry.` prefix (`ImagePushed`), and `data` as a
 * JSON string instead of an object. Returns a reason when `data` is a string that is not JSON.
 */
function canonical(item: Record<string, unknown>): { ok: true; item: Record<string, unknown> } | { ok: false; reason: string } {
  const copy = { ...item };
  const typeField = 'specversion' in copy ? 'type' : 'eventType';
  const type = copy[typeField];
  if (typeof type === 'string' && /^(Image|Chart)(Pushed|Deleted)$/.test(type)) copy[typeField] = `${ACR_PREFIX}${type}`;
  if (typeof copy.data === 'string') {
    try {
      copy.data = JSON.parse(copy.data);
    } catch {
      return { ok: false, reason: 'data is a string that is not JSON' };
    }
  }
  return { ok: true, item: copy };
}

/** Parses a body (one event or an array, either schema). Throws only when the SDK cannot be loaded. */
export async function parseAcrEvents(body: unknown): Promise<AcrEvent[]> {
  const list: unknown[] = Array.isArray(body) ? body : [body];
  const out: AcrEvent[] = [];
  // Outside the per-event try: a failed SDK load is our failure (retried), not a malformed event.
  const { deserializer, isSystemEvent } = await eventGridSdk();
  for (const item of list) {
    if (typeof item !== 'object' || item === null) {
      out.push({ kind: 'malformed', reason: 'event is not a JSON object' });
      continue;
    }
    const id = typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
    const normal = canonical(item as Record<string, unknown>);
    if (!normal.ok) {
      out.push({ kind: 'malformed', ...(id ? { id } : {}), reason: normal.reason });
      continue;
    }
    try {
      if ('specversion' in normal.item) {
        const [event] = await deserializer.deserializeCloudEvents(normal.item);
        out.push(fromEvent(isSystemEvent, event!, event!.source, envelopeTime(event!.time)));
      } else {
        const [event] = await deserializer.deserializeEventGridEvents(normal.item);
        out.push(fromEvent(isSystemEvent, event!, event!.topic, envelopeTime(event!.eventTime)));
      }
    } catch (error) {
      out.push({ kind: 'malformed', ...(id ? { id } : {}), reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

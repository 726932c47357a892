import { EventGridDeserializer, isSystemEvent, type CloudEvent, type EventGridEvent } from '@azure/eventgrid';
import { z } from 'zod';
import type { Change } from '../model';
import { ruleForOperation } from './change-rules';
import { isScopedResourceId } from './change-ids';

/**
 * Azure Resource Manager system events (`Microsoft.Resources.ResourceWriteSuccess`,
 * `ResourceDeleteSuccess`, `ResourceActionSuccess`) from a subscription or resource group system
 * topic, in the Event Grid or the CloudEvents schema. The SDK deserializer checks the envelope and
 * `isSystemEvent` picks the types; zod bounds the data fields we use (untrusted: anyone who can
 * publish to a custom topic can write any of them — only system topics are subscribed in infra).
 */
export type ParsedChangeEvent =
  | { kind: 'change'; change: Change }
  | { kind: 'ignored'; id: string; reason: string }
  | { kind: 'malformed'; id?: string; reason: string };

export const ARM_EVENT_TYPES = [
  'Microsoft.Resources.ResourceWriteSuccess',
  'Microsoft.Resources.ResourceDeleteSuccess',
  'Microsoft.Resources.ResourceActionSuccess',
] as const;

/** Older deliveries and some samples carry `claims`, `authorization`, `httpRequest` as JSON text. */
const objectOrJson = z.union([
  z.record(z.string(), z.unknown()),
  z
    .string()
    .max(32_000)
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is neither an object nor JSON text of one' });
      return z.NEVER;
    }),
]);

const ArmEventDataSchema = z.object({
  operationName: z.string().max(300).regex(/^[A-Za-z0-9.]+(\/[A-Za-z0-9.]+)+$/, 'is not an ARM operation name'),
  resourceUri: z.string().max(1000).refine(isScopedResourceId, 'is not an ARM resource id'),
  status: z.string().max(50).optional(),
  claims: objectOrJson.optional(),
  authorization: objectOrJson.optional(),
});

const UPN = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn';
/** Printable text without control, format or bidi characters, bounded: what may reach a chat message. */
const PRINCIPAL = /^[^\p{C}]{1,256}$/u;

/**
 * Who made the change, from the caller's token claims: the user principal name, else the display
 * name, else the application id. Only these claims are read; nothing else of the token is kept.
 */
export function principalFromClaims(claims: Record<string, unknown> | undefined): string | undefined {
  if (!claims) return undefined;
  const pick = (key: string) => (typeof claims[key] === 'string' && PRINCIPAL.test(claims[key] as string) ? (claims[key] as string) : undefined);
  const upn = pick(UPN) ?? pick('upn');
  if (upn) return upn;
  const name = pick('name');
  if (name) return name;
  const appid = pick('appid');
  return appid && /^[0-9a-f-]{36}$/i.test(appid) ? `application ${appid}` : undefined;
}

function fromEvent(event: EventGridEvent<unknown> | CloudEvent<unknown>, time: Date | undefined): ParsedChangeEvent {
  const type = 'eventType' in event ? event.eventType : event.type;
  const known = ARM_EVENT_TYPES.find((t) => isSystemEvent(t, event as EventGridEvent<unknown>));
  if (!known) return { kind: 'ignored', id: event.id, reason: `event type ${type}` };
  // Unwatched operations are ignored before their fields are judged: Event Grid delivers every write of the scope.
  const operation = (event.data as { operationName?: unknown } | null)?.operationName;
  if (typeof operation === 'string' && operation.length <= 300 && !ruleForOperation(operation)) {
    return { kind: 'ignored', id: event.id, reason: `operation ${operation} cannot affect a pull` };
  }
  const data = ArmEventDataSchema.safeParse(event.data);
  if (!data.success) {
    const issue = data.error.issues[0]!;
    return { kind: 'malformed', id: event.id, reason: `data.${issue.path.join('.')}: ${issue.message}` };
  }
  const { operationName, resourceUri, status, claims } = data.data;
  if (status && status !== 'Succeeded') return { kind: 'ignored', id: event.id, reason: `status ${status}` };
  const rule = ruleForOperation(operationName);
  if (!rule) return { kind: 'ignored', id: event.id, reason: `operation ${operationName} cannot affect a pull` };
  const principal = principalFromClaims(claims);
  return {
    kind: 'change',
    change: {
      id: event.id,
      kind: rule.kind,
      at: (time ?? new Date()).toISOString(),
      ...(principal ? { principal } : {}),
      resourceId: resourceUri,
      operation: operationName,
      eventIds: [event.id],
      checks: [...rule.checks],
    },
  };
}

const deserializer = new EventGridDeserializer();

/** One ARM event (either schema, already a plain object); never throws. */
export async function parseArmChangeEvent(item: Record<string, unknown>): Promise<ParsedChangeEvent> {
  const id = typeof item.id === 'string' ? item.id.slice(0, 200) : undefined;
  try {
    if ('specversion' in item) {
      const [event] = await deserializer.deserializeCloudEvents(item);
      return fromEvent(event!, event!.time);
    }
    const [event] = await deserializer.deserializeEventGridEvents(item);
    return fromEvent(event!, event!.eventTime);
  } catch (error) {
    return { kind: 'malformed', ...(id ? { id } : {}), reason: error instanceof Error ? error.message : String(error) };
  }
}

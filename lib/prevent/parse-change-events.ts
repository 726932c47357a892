import { ChangeSchema, type Change } from '../model';
import { parseAcrEvents, type AcrEvent } from '../intake/parse-acr-event';
import { CHECKS_BY_KIND } from './change-rules';
import { parseArmChangeEvent, type ParsedChangeEvent } from './arm-change-event';

export type { ParsedChangeEvent } from './arm-change-event';

/** An ACR push or delete as a change: a delete may break what runs that tag; a push may have moved a tag in use. */
function fromAcr(event: Extract<AcrEvent, { kind: 'push' | 'delete' }>): Change {
  const kind = event.kind === 'delete' ? 'tag-deleted' : 'tag-moved';
  return {
    id: event.id,
    kind,
    at: event.timestamp,
    registry: { loginServer: event.loginServer, repository: event.repository, tags: event.tag ? [event.tag] : [], ...(event.digest ? { digest: event.digest } : {}) },
    eventIds: [event.id],
    checks: [...CHECKS_BY_KIND[kind]],
  };
}

function typeOf(item: Record<string, unknown>): string {
  const type = 'specversion' in item ? item.type : item.eventType;
  return typeof type === 'string' ? type : '';
}

/** Zod bounds every field of the change (ids, tags, principal) once more before it leaves intake. */
function bounded(result: ParsedChangeEvent): ParsedChangeEvent {
  if (result.kind !== 'change') return result;
  const checked = ChangeSchema.safeParse(result.change);
  if (checked.success) return { kind: 'change', change: checked.data };
  const issue = checked.error.issues[0]!;
  return { kind: 'malformed', id: result.change.id.slice(0, 200), reason: `${issue.path.join('.')}: ${issue.message}` };
}

/**
 * Change events from Event Grid (one event or a batch; Event Grid or CloudEvents schema): ACR
 * ImageDeleted / ImagePushed through the ACR event parser of intake, Resource Manager events through
 * arm-change-event.ts. Never throws; every item comes back as a change, ignored or malformed.
 */
export async function parseChangeEvents(body: unknown): Promise<ParsedChangeEvent[]> {
  const items: unknown[] = Array.isArray(body) ? body : [body];
  const out: ParsedChangeEvent[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      out.push({ kind: 'malformed', reason: 'event is not a JSON object' });
      continue;
    }
    const record = item as Record<string, unknown>;
    if (typeOf(record).startsWith('Microsoft.Resources.')) {
      out.push(bounded(await parseArmChangeEvent(record)));
      continue;
    }
    const [acr] = await parseAcrEvents(record);
    if (!acr || acr.kind === 'ignored' || acr.kind === 'malformed') {
      out.push(acr ?? { kind: 'malformed', reason: 'no event' });
      continue;
    }
    out.push(bounded({ kind: 'change', change: fromAcr(acr) }));
  }
  return out;
}

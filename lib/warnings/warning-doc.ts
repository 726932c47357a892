import { WarningSchema, type Warning } from './warning';

/** A Table string property holds 32K UTF-16 characters; stay well under (the incident doc's limit too). */
export const WARNING_DOC_MAX_CHARS = 30_000;

/**
 * The warning as stored: when the report is too large (a change hitting thousands of workloads),
 * the lists are halved (largest blast radius first, as sorted), each workload keeps its first
 * evidence lines only, and long texts are clipped; `totals` keep the real counts for the message.
 */
export function fitWarningDoc(warning: Warning): string {
  let doc = JSON.stringify(warning);
  if (doc.length <= WARNING_DOC_MAX_CHARS) return doc;
  const trimmed = structuredClone(warning);
  const { report } = trimmed;
  // No message shows more than a few workloads: the first 200 by blast radius are plenty to redraw it.
  report.atRisk.splice(200);
  report.undecided.splice(200);
  for (const w of report.atRisk) {
    w.evidence = w.evidence.slice(0, 3).map((e) => ({ fact: e.fact.slice(0, 500), source: e.source.slice(0, 300) }));
    w.summary = w.summary.slice(0, 500);
  }
  report.change.eventIds = report.change.eventIds.slice(0, 20);
  doc = JSON.stringify(trimmed);
  while (doc.length > WARNING_DOC_MAX_CHARS && (report.atRisk.length > 1 || report.undecided.length > 1 || trimmed.keys.length > 1)) {
    for (const list of [report.atRisk, report.undecided, trimmed.keys] as unknown[][]) list.splice(Math.ceil(list.length / 2));
    for (const key of trimmed.keys) key.workloads.splice(20);
    doc = JSON.stringify(trimmed);
  }
  return doc;
}

export function parseWarningDoc(doc: string, rowKey: string | undefined): Warning {
  const parsed = WarningSchema.safeParse(JSON.parse(doc));
  if (!parsed.success) throw new Error(`stored warning ${rowKey} does not match the warning schema: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

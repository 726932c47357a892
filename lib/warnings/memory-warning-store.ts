import type { StoreOptions } from '../incidents/incident-store';
import { WarningSchema, type Warning } from './warning';
import { fitWarningDoc, parseWarningDoc } from './warning-doc';
import type { WarningChange, WarningStore } from './warning-store';

/** In-process warnings for the CLI, the demo and tests; stored through the same size fitting as the table. */
export class MemoryWarningStore implements WarningStore {
  private readonly warnings = new Map<string, { doc: string; at: number }>();
  private readonly byImage = new Map<string, { warningId: string; at: number }>();
  /** The clock rows are stamped with (Table Storage's Timestamp); tests move it. */
  clock: () => Date = () => new Date();

  private imageKey(cluster: string, image: string): string {
    return `${cluster.toLowerCase()}\n${image}`;
  }

  async get(id: string, options?: StoreOptions): Promise<Warning | undefined> {
    options?.signal?.throwIfAborted();
    const row = this.warnings.get(id);
    return row && parseWarningDoc(row.doc, id);
  }

  async update(id: string, change: WarningChange, options?: StoreOptions) {
    options?.signal?.throwIfAborted();
    // Read, change and write without an await in between: concurrent callers apply one after another.
    const row = this.warnings.get(id);
    const current = row && parseWarningDoc(row.doc, id);
    const next = change(current);
    if (!next) return { warning: current, written: false };
    const doc = fitWarningDoc(WarningSchema.parse(next));
    const at = this.clock().getTime();
    this.warnings.set(id, { doc, at });
    for (const key of next.keys) this.byImage.set(this.imageKey(key.cluster, key.image), { warningId: id, at });
    return { warning: parseWarningDoc(doc, id), written: true };
  }

  async unresolved(options?: StoreOptions): Promise<Warning[]> {
    options?.signal?.throwIfAborted();
    return [...this.warnings.entries()].map(([id, row]) => parseWarningDoc(row.doc, id)).filter((w) => w.status !== 'resolved');
  }

  async forImage(cluster: string, image: string, options?: StoreOptions): Promise<Warning | undefined> {
    const ref = this.byImage.get(this.imageKey(cluster, image));
    return ref && this.get(ref.warningId, options);
  }

  async sweep(before: Date, options?: StoreOptions): Promise<number> {
    options?.signal?.throwIfAborted();
    let deleted = 0;
    for (const [id, row] of this.warnings) {
      if (row.at < before.getTime() && parseWarningDoc(row.doc, id).status === 'resolved' && this.warnings.delete(id)) deleted++;
    }
    for (const [key, ref] of this.byImage) if (!this.warnings.has(ref.warningId)) this.byImage.delete(key);
    return deleted;
  }
}

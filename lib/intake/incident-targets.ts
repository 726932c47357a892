import type { Category } from '../model';
import { incidentId } from '../incidents/incident-key';
import type { IncidentStore } from '../incidents/incident-store';

/** How long this process trusts what it knows about an image's open incident. */
const KNOWN_CAUSE_TTL_MS = 60_000;

/** Which incident a failure belongs to, with what this process learned about each image cached for a minute. */
export class IncidentTargets {
  /** cluster|image → the open incident with a known cause (id '' = none), for cause-less events. */
  private readonly byImage = new Map<string, { id: string; category: Category; at: number }>();

  constructor(
    private readonly store: IncidentStore,
    private readonly now: () => Date,
  ) {}

  /**
   * Which incident failures of this cluster, image and category belong to. Kubelet sends the cause
   * in `Failed` events and nothing but "Back-off pulling image" in `BackOff` events (category
   * unknown): cause-less failures join the open incident that knows the cause, and an incident
   * opened by cause-less failures takes the cause when it arrives (same thread).
   */
  async targetFor(cluster: string, image: string, category: Category, signal?: AbortSignal): Promise<{ id: string; category: Category }> {
    const key = `${cluster.toLowerCase()}|${image}`;
    const cached = this.byImage.get(key);
    const fresh = cached && this.now().getTime() - cached.at < KNOWN_CAUSE_TTL_MS;
    const unknownId = incidentId(cluster, image, 'unknown');
    if (category === 'unknown') {
      if (fresh) return cached.id ? { id: cached.id, category: cached.category } : { id: unknownId, category };
      // A query within the cluster's partition, not a table scan.
      const known = (await this.store.openIncidents(cluster, image, { signal })).find((i) => i.category !== 'unknown');
      this.byImage.set(key, { id: known?.id ?? '', category: known?.category ?? 'unknown', at: this.now().getTime() });
      return known ? { id: known.id, category: known.category } : { id: unknownId, category };
    }
    if (fresh && cached.id && cached.category === category) return { id: cached.id, category };
    const knownId = incidentId(cluster, image, category);
    const existing = await this.store.get(cluster, knownId, { signal });
    if (existing && existing.status !== 'resolved') this.remember(cluster, image, knownId, category);
    if (!existing || existing.status === 'resolved') {
      const opened = await this.store.get(cluster, unknownId, { signal });
      if (opened && opened.status !== 'resolved' && (opened.category === 'unknown' || opened.category === category)) return { id: unknownId, category };
    }
    return { id: knownId, category };
  }

  remember(cluster: string, image: string, id: string, category: Category): void {
    this.byImage.set(`${cluster.toLowerCase()}|${image}`, { id, category, at: this.now().getTime() });
  }
}

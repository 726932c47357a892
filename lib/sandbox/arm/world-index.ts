import type { ArmResource, World } from '../world-schema';
import { idKey, normalizePath, parseArmPath } from './arm-path';

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  tenantId?: string;
}

const AGENT_POOLS = 'Microsoft.ContainerService/managedClusters/agentPools';
const MANAGED_CLUSTERS = 'microsoft.containerservice/managedclusters';
/** Record types a private DNS zone can hold; `…/privateDnsZones/{zone}/ALL` lists all of them. */
const PRIVATE_DNS_RECORD_TYPES = new Set(['a', 'aaaa', 'cname', 'mx', 'ptr', 'soa', 'srv', 'txt']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The world's resources indexed the ways ARM looks them up (by id, by parent collection, by scope). */
export class WorldIndex {
  private readonly byId = new Map<string, ArmResource>();
  /** Key: lowercased id minus its last segment (the collection a resource is listed in). */
  private readonly byCollection = new Map<string, ArmResource[]>();
  readonly resources: ArmResource[] = [];
  readonly subscriptions: SubscriptionInfo[];
  private readonly resourceGroups = new Map<string, { subscriptionId: string; name: string; location?: string }>();

  constructor(readonly world: World) {
    for (const r of world.resources) this.add(r);
    for (const r of world.resources) this.addDerivedChildren(r);
    this.subscriptions = this.deriveSubscriptions();
  }

  private add(r: ArmResource): void {
    const key = idKey(r.id);
    if (this.byId.has(key)) return;
    this.byId.set(key, r);
    this.resources.push(r);
    const collection = key.slice(0, key.lastIndexOf('/'));
    const list = this.byCollection.get(collection) ?? [];
    list.push(r);
    this.byCollection.set(collection, list);
    const p = parseArmPath(r.id);
    if (p.subscriptionId && p.resourceGroup) {
      const rgKey = `/subscriptions/${p.subscriptionId}/resourcegroups/${p.resourceGroup}`.toLowerCase();
      if (!this.resourceGroups.has(rgKey)) {
        this.resourceGroups.set(rgKey, { subscriptionId: p.subscriptionId, name: p.resourceGroup, location: r.location });
      }
    }
  }

  /**
   * Child resources Azure also serves on their own: agent pools from a cluster's
   * `agentPoolProfiles` (when the world lists none), and any object inside a property array whose
   * `id` sits under the parent (peerings, subnets, private endpoint connections …).
   */
  private addDerivedChildren(parent: ArmResource): void {
    const props = parent.properties ?? {};
    const parentKey = idKey(parent.id);
    if (parent.type.toLowerCase() === MANAGED_CLUSTERS && Array.isArray(props['agentPoolProfiles'])) {
      const listed = this.byCollection.get(`${parentKey}/agentpools`) ?? [];
      if (listed.length === 0) {
        for (const profile of props['agentPoolProfiles']) {
          if (!isRecord(profile) || typeof profile['name'] !== 'string') continue;
          const { name, ...rest } = profile;
          this.add({ id: `${normalizePath(parent.id)}/agentPools/${name}`, name: name as string, type: AGENT_POOLS, properties: rest });
        }
      }
    }
    for (const value of Object.values(props)) {
      if (!Array.isArray(value)) continue;
      for (const child of value) {
        if (!isRecord(child) || typeof child['id'] !== 'string' || typeof child['name'] !== 'string') continue;
        const childKey = idKey(child['id']);
        if (!childKey.startsWith(parentKey + '/')) continue;
        const childType = parseArmPath(child['id']).types.join('/');
        const namespace = parseArmPath(parent.id).namespace ?? '';
        const type = typeof child['type'] === 'string' ? child['type'] : `${namespace}/${childType}`;
        // Only direct children (…/{parent}/{childType}/{name}).
        if (childKey.split('/').length !== parentKey.split('/').length + 2) continue;
        this.add({ ...(child as Record<string, unknown>), id: child['id'], name: child['name'], type } as ArmResource);
      }
    }
  }

  private deriveSubscriptions(): SubscriptionInfo[] {
    if (this.world.subscriptions) {
      return this.world.subscriptions.map((s) => ({
        subscriptionId: s.subscriptionId,
        displayName: s.displayName ?? s.subscriptionId,
        tenantId: s.tenantId ?? this.world.caller.tenantId,
      }));
    }
    const seen = new Map<string, SubscriptionInfo>();
    for (const r of this.resources) {
      const s = parseArmPath(r.id).subscriptionId;
      if (s && !seen.has(s.toLowerCase())) seen.set(s.toLowerCase(), { subscriptionId: s, displayName: s, tenantId: this.world.caller.tenantId });
    }
    return [...seen.values()];
  }

  get(id: string): ArmResource | undefined {
    return this.byId.get(idKey(id));
  }

  /** Resources listed in the collection at `path` (`<parent>/<childType>` or `<rg scope>/providers/<ns>/<type>`). */
  collection(path: string): ArmResource[] {
    const key = idKey(path);
    const direct = this.byCollection.get(key) ?? [];
    if (direct.length > 0) return direct;
    // `…/privateDnsZones/{zone}/ALL`: every record set of the zone.
    const p = parseArmPath(path);
    if (p.types.length === 2 && p.types[0]?.toLowerCase() === 'privatednszones' && p.types[1]?.toLowerCase() === 'all') {
      const zoneKey = key.slice(0, key.lastIndexOf('/'));
      return this.resources.filter((r) => {
        const k = idKey(r.id);
        const parts = k.slice(zoneKey.length + 1).split('/');
        return k.startsWith(zoneKey + '/') && parts.length === 2 && PRIVATE_DNS_RECORD_TYPES.has(parts[0]!);
      });
    }
    return [];
  }

  /** Resources of one type anywhere in a subscription (`/subscriptions/{s}/providers/{ns}/{type}`). */
  bySubscriptionAndType(subscriptionId: string, type: string): ArmResource[] {
    const prefix = `/subscriptions/${subscriptionId}/`.toLowerCase();
    const t = type.toLowerCase();
    return this.resources.filter((r) => r.type.toLowerCase() === t && idKey(r.id).startsWith(prefix));
  }

  /** Every resource whose type is `type` (case-insensitive). */
  ofType(type: string): ArmResource[] {
    const t = type.toLowerCase();
    return this.resources.filter((r) => r.type.toLowerCase() === t);
  }

  hasSubscription(subscriptionId: string): boolean {
    const s = subscriptionId.toLowerCase();
    return this.subscriptions.some((x) => x.subscriptionId.toLowerCase() === s);
  }

  subscription(subscriptionId: string): SubscriptionInfo | undefined {
    const s = subscriptionId.toLowerCase();
    return this.subscriptions.find((x) => x.subscriptionId.toLowerCase() === s);
  }

  /** A resource group exists when some resource lives in it (worlds do not list groups separately). */
  resourceGroup(subscriptionId: string, name: string): { subscriptionId: string; name: string; location?: string } | undefined {
    return this.resourceGroups.get(`/subscriptions/${subscriptionId}/resourcegroups/${name}`.toLowerCase());
  }

  resourceGroupsOf(subscriptionId: string): { subscriptionId: string; name: string; location?: string }[] {
    const s = subscriptionId.toLowerCase();
    return [...this.resourceGroups.values()].filter((g) => g.subscriptionId.toLowerCase() === s);
  }
}

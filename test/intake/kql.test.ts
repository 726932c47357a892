import {
  failingPodsQuery,
  kqlString,
  nodeLabelsQuery,
  podDetailsQuery,
  PULL_FAILURE_ALERT_QUERY,
} from '../../lib/logs/kql-templates';
import { kustoDiagnostics as diagnostics } from '../helpers/kusto';

const window = { start: new Date('2026-11-25T21:00:00Z'), end: new Date('2026-11-25T22:00:00Z') };
const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('KQL templates against the Container insights schema', () => {
  const templates: Record<string, string> = {
    PULL_FAILURE_ALERT_QUERY,
    failingPods: failingPodsQuery({ ...window }),
    'failingPods (cluster, namespace)': failingPodsQuery({ ...window, cluster, namespace: 'shop', limit: 50 }),
    podDetails: podDetailsQuery({ ...window, cluster, namespace: 'shop', pod: 'web-7d9c8b6f5-x2x4q' }),
    nodeLabels: nodeLabelsQuery({ ...window, cluster, nodes: ['aks-nodepool1-12345678-vmss000000', 'aks-arm64-87654321-vmss000001'] }),
  };

  it.each(Object.entries(templates))('%s has no syntax or semantic errors', (_name, query) => {
    expect(diagnostics(query)).toEqual([]);
  });

  it('reports a deliberately broken template (unknown column, dangling pipe)', () => {
    expect(diagnostics(templates.failingPods!.replace('KubeEventType', 'KubeEventKind')).join('\n')).toMatch(/KubeEventKind/);
    expect(diagnostics(`${templates.nodeLabels}\n|`).length).toBeGreaterThan(0);
    expect(diagnostics(podDetailsQuery({ ...window, cluster, namespace: 'shop', pod: 'web' }).replace('ContainerHostname', 'PodName')).length).toBeGreaterThan(0);
  });
});

describe('kqlString', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", "'it\\'s'"],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak\ttab', "'line\\nbreak\\ttab'"],
    ['nul\u0000', "'nul\\u0000'"],
  ])('quotes %j as %s', (input, expected) => {
    expect(kqlString(input)).toBe(expected);
  });

  it('keeps an injection attempt inside one string literal', () => {
    const evil = "x' or 1==1 | project Secret = 1 //";
    const query = `KubeEvents | where Name == ${kqlString(evil)}`;
    expect(diagnostics(query)).toEqual([]);
    // One where clause with one string literal: the quote did not close the literal.
    expect(query.match(/\|/g)?.length).toBe(2);
    expect(query.endsWith("//'")).toBe(true);
  });
});

describe('templates reject values outside their grammar', () => {
  it.each([
    ['pod', () => podDetailsQuery({ ...window, cluster, namespace: 'shop', pod: "web' | take 1" })],
    ['namespace', () => failingPodsQuery({ ...window, namespace: 'Shop!' })],
    ['cluster', () => failingPodsQuery({ ...window, cluster: "/subscriptions/x' or 1==1" })],
    ['node', () => nodeLabelsQuery({ ...window, cluster, nodes: ['a b'] })],
    ['window', () => failingPodsQuery({ start: window.end, end: window.start })],
  ])('%s', (_kind, build) => {
    expect(build).toThrow(/not a valid|window/);
  });
});

/** The node pool of an AKS node name: `aks-<pool>-<id>-vmss…` (Linux) or `aks<pool><6 digits>` (Windows). */
export function poolOfNode(node: string | undefined): string | undefined {
  if (!node) return undefined;
  return (/^aks-([a-z0-9]+)-\d+-vmss/.exec(node) ?? /^aks([a-z0-9]+?)\d{6}$/.exec(node))?.[1];
}

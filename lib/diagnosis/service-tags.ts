/**
 * A regional service tag (`AzureContainerRegistry.swedencentral`, `Storage.westeurope`) holds only its
 * region's addresses (https://learn.microsoft.com/azure/virtual-network/service-tags-overview#available-service-tags):
 * when an endpoint's known tags place it in another region of the same family, such a tag never holds
 * it. `tag` is lower case; `known` are the endpoint's certain and possible tags (a tag among them is
 * not "another region").
 */
export function otherRegionTag(tag: string, known: readonly string[]): boolean {
  const lower = known.map((t) => t.toLowerCase());
  const base = tag.split('.')[0]!;
  return tag !== base && !lower.includes(tag) && lower.some((t) => t.startsWith(`${base}.`));
}

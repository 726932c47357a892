import { onceAsync } from '../util/lazy';

/**
 * `@azure/eventgrid`, loaded on the first event that needs it (ACR and Resource Manager events) so
 * the app's start-up chunks stay free of it (lib/app/lazy-ports.ts explains the rule;
 * test/app/cold-import.test.ts enforces it). One deserializer for the process.
 */
export const eventGridSdk = onceAsync(async () => {
  const sdk = await import('@azure/eventgrid');
  return { deserializer: new sdk.EventGridDeserializer(), isSystemEvent: sdk.isSystemEvent };
});

export type IsSystemEvent = typeof import('@azure/eventgrid').isSystemEvent;

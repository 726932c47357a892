import type { Command } from '../command';

/**
 * Every CLI command, loaded only when it runs: `classify` and `parse-image` never load an Azure or
 * chat SDK, `diagnose --world` never loads the incident store. Adding a command = one file in this
 * folder + one entry here (its name and summary are repeated so `help` loads nothing).
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Command;
}

/* eslint-disable @typescript-eslint/no-require-imports -- require() keeps each command's imports lazy under CommonJS, ts-jest and bundlers alike */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'diagnose', summary: 'find why a cluster cannot pull an image (Azure or --world sandbox)', load: () => (require('./diagnose') as typeof import('./diagnose')).diagnoseCommand },
  { name: 'preflight', summary: 'check every image in Kubernetes manifests before deploying', load: () => (require('./preflight') as typeof import('./preflight')).preflightCommand },
  { name: 'why', summary: 'the full evidence of an incident (reads the incident store, checks again)', load: () => (require('./why') as typeof import('./why')).whyCommand },
  { name: 'impact', summary: 'what running now would fail on its next pull after an Azure change (--world sandbox)', load: () => (require('./impact') as typeof import('./impact')).impactCommand },
  { name: 'audit', summary: 'every image running in a cluster, checked as if every node were recycled now', load: () => (require('./audit') as typeof import('./audit')).auditCommand },
  { name: 'demo', summary: 'diagnose the built-in sandbox worlds (no Azure account needed)', load: () => (require('./demo') as typeof import('./demo')).demoCommand },
  { name: 'classify', summary: 'explain a kubelet image pull error message (category, confidence, candidates)', load: () => (require('./classify') as typeof import('./classify')).classifyCommand },
  { name: 'parse-image', summary: 'parse an image reference; recognise ACR login servers and typos', load: () => (require('./parse-image') as typeof import('./parse-image')).parseImageCommand },
  { name: 'incidents', summary: 'list incidents and diagnose jobs that failed for good (poison messages)', load: () => (require('./incidents') as typeof import('./incidents')).incidentsCommand },
];
/* eslint-enable @typescript-eslint/no-require-imports */

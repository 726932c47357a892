import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnosis, Incident } from '../model';
import { renderAdaptiveCard } from './adaptive-card';
import { findChromium, renderCardPng } from './card-png';
import type { RenderOptions } from './report-view';
import { renderSlack } from './slack';

export interface ChatArtifacts {
  slack: string;
  card: string;
  /** Absent when Chromium is not installed. */
  png?: string;
  /** Why there is no PNG, when there is none. */
  pngSkipped?: string;
}

/**
 * Writes what chat would receive for one diagnosis: `<name>.slack.json` (chat.postMessage body),
 * `<name>.card.json` (the Adaptive Card) and, when Chromium is available, `<name>.card.png`.
 * `npm run demo` calls it once per world.
 */
export async function writeChatArtifacts(
  diagnosis: Diagnosis,
  incident: Incident,
  outDir: string,
  options: RenderOptions & { name?: string; chromiumPath?: string; signal?: AbortSignal } = {},
): Promise<ChatArtifacts> {
  const name = (options.name ?? incident.id).replace(/[^A-Za-z0-9._-]/g, '_');
  await mkdir(outDir, { recursive: true });
  const slack = join(outDir, `${name}.slack.json`);
  const card = join(outDir, `${name}.card.json`);
  const adaptiveCard = renderAdaptiveCard(diagnosis, incident, options);
  await writeFile(slack, `${JSON.stringify(renderSlack(diagnosis, incident, options), null, 2)}\n`);
  await writeFile(card, `${JSON.stringify(adaptiveCard, null, 2)}\n`);
  const chromium = options.chromiumPath ?? findChromium();
  if (!chromium) return { slack, card, pngSkipped: 'Chromium not found (apt-get install -y chromium)' };
  const png = join(outDir, `${name}.card.png`);
  await renderCardPng(adaptiveCard, png, { chromiumPath: chromium, signal: options.signal });
  return { slack, card, png };
}

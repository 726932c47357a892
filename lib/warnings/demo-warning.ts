import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { impactInSandbox } from '../prevent/impact-in-sandbox';
import { findChromium, renderCardPng } from '../render/card-png';
import { renderWarningCard, renderWarningSlack, renderWarningText } from '../render/warning';
import type { World } from '../sandbox/world-schema';
import { keysOf, totalsOf, warningId, type Warning } from './warning';

/** The world `npm run demo` shows as its prevented incident: a tag deletion caught before any pod failed. */
export const PREVENTED_WORLD = 'change-tag-deleted';

export interface PreventedDemo {
  warning: Warning;
  text: string;
  files: string[];
  pngSkipped?: string;
}

/**
 * The demo's prevented incident: the world's change through intake and the impact analysis on the
 * sandbox, the warning as it would be posted (`<name>.warning.slack.json`, `.warning.card.json`,
 * and `.warning.card.png` when Chromium is there). "N min ago" is counted from four minutes after
 * the change, when the warning would have gone out.
 */
export async function preventedIncidentDemo(world: World, outDir: string, options: { name: string; file?: string; chromiumPath?: string; color?: boolean }): Promise<PreventedDemo> {
  const { reports } = await impactInSandbox(world, options.file ? { file: options.file } : {});
  const report = reports.find((r) => r.atRisk.length > 0) ?? reports[0];
  if (!report) throw new Error(`world ${options.name} has no change that reaches the impact analysis`);
  const at = new Date(Date.parse(report.change.at) + 4 * 60_000);
  const warning: Warning = {
    id: warningId(report.change.id),
    changeId: report.change.id,
    status: 'open',
    report,
    totals: totalsOf(report),
    keys: keysOf(report),
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  };
  const now = { now: at };
  await mkdir(outDir, { recursive: true });
  const base = join(outDir, `${options.name.replace(/[^A-Za-z0-9._-]/g, '_')}.warning`);
  const card = renderWarningCard(warning, now);
  await writeFile(`${base}.slack.json`, `${JSON.stringify(renderWarningSlack(warning, now), null, 2)}\n`);
  await writeFile(`${base}.card.json`, `${JSON.stringify(card, null, 2)}\n`);
  const files = [`${base}.slack.json`, `${base}.card.json`];
  const text = renderWarningText(warning, { ...now, color: options.color ?? false });
  const chromium = options.chromiumPath ?? findChromium();
  if (!chromium) return { warning, text, files, pngSkipped: 'Chromium not found (apt-get install -y chromium)' };
  await renderCardPng(card, `${base}.card.png`, { chromiumPath: chromium });
  return { warning, text, files: [...files, `${base}.card.png`] };
}

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AdaptiveCard } from './adaptive-card';

/**
 * Renders an Adaptive Card to PNG in headless Chromium with the official `adaptivecards` renderer —
 * for the demo (docs/ screenshots) and for the tests that prove a card renders, not just parses.
 */

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(candidates = CHROMIUM_CANDIDATES): string | undefined {
  return candidates.find((path) => existsSync(path));
}

export class CardRenderError extends Error {
  override readonly name = 'CardRenderError';
}

export interface CardPngOptions {
  chromiumPath?: string;
  /** Card width in CSS pixels; Teams' channel column is about 600 px wide on desktop. */
  width?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface CardPngResult {
  path: string;
  width: number;
  height: number;
  bytes: number;
}

/** Runs in the page: renders the card in #pd-card with a Teams-like host config and reports in #pd-status. */
const HARNESS_SCRIPT = String.raw`
(function () {
  var status = document.getElementById('pd-status');
  function report(value, height) { status.setAttribute('data-status', value); status.setAttribute('data-height', String(height || 0)); status.textContent = value; }
  window.onerror = function (message) { report('RENDER_ERROR: ' + message); };
  // Teams renders a Markdown subset in TextBlocks: backslash escapes, **bold**, *italic*, [links](url), "- " lists.
  function markdown(text) {
    var escaped = [];
    var html = text.replace(/\\([\\*_\[\]\`#>+\-.])/g, function (_m, c) { escaped.push(c); return '\u0000' + (escaped.length - 1) + '\u0000'; })
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*]+)\*/g, '<em>$1</em>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
    var out = [], inList = false;
    html.split('\n').forEach(function (line) {
      var item = /^- (.*)$/.exec(line);
      if (item) { if (!inList) { out.push('<ul>'); inList = true; } out.push('<li>' + item[1] + '</li>'); return; }
      if (inList) { out.push('</ul>'); inList = false; }
      out.push(line === '' ? '<br>' : line + '<br>');
    });
    if (inList) out.push('</ul>');
    return out.join('').replace(/<br>$/, '').replace(/\u0000(\d+)\u0000/g, function (_m, i) { var c = escaped[Number(i)]; return c === '>' ? '&gt;' : c; });
  }
  try {
    if (!window.AdaptiveCards) throw new Error('adaptivecards.min.js did not load');
    var AC = window.AdaptiveCards;
    AC.AdaptiveCard.onProcessMarkdown = function (text, result) { result.outputHtml = markdown(text); result.didProcess = true; };
    var card = new AC.AdaptiveCard();
    card.hostConfig = new AC.HostConfig({
      fontTypes: {
        default: { fontFamily: '"Segoe UI", system-ui, "DejaVu Sans", "Noto Color Emoji", sans-serif', fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 } },
        monospace: { fontFamily: '"DejaVu Sans Mono", Consolas, monospace', fontSizes: { small: 12, default: 13, medium: 14, large: 18, extraLarge: 24 } }
      },
      containerStyles: {
        default: { backgroundColor: '#FFFFFF', foregroundColors: { default: { default: '#242424', subtle: '#616161' }, attention: { default: '#C4314B', subtle: '#C4314B' }, good: { default: '#237B4B', subtle: '#237B4B' }, warning: { default: '#835B00', subtle: '#835B00' }, accent: { default: '#5B5FC7', subtle: '#5B5FC7' } } },
        emphasis: { backgroundColor: '#F0F0F0' },
        attention: { backgroundColor: '#FCF4F6' },
        good: { backgroundColor: '#E7F2DA' },
        warning: { backgroundColor: '#FBF6D9' },
        accent: { backgroundColor: '#E8EBFA' }
      },
      actions: { actionsOrientation: 'horizontal', buttonSpacing: 8, maxActions: 6 }
    });
    var context = new AC.SerializationContext();
    card.parse(JSON.parse(document.getElementById('pd-card-json').textContent), context);
    var problems = [];
    for (var i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    if (problems.length) throw new Error('parse: ' + problems.join('; '));
    var element = card.render();
    if (!element) throw new Error('render() returned nothing');
    document.getElementById('pd-card').appendChild(element);
    report('RENDER_OK', Math.ceil(document.body.getBoundingClientRect().height) + 32);
  } catch (e) {
    report('RENDER_ERROR: ' + (e && e.message ? e.message : String(e)));
  }
})();
`;

/** The page: loads the adaptivecards UMD bundle, renders the card, and reports RENDER_OK or the error in #pd-status. */
export function cardHarnessHtml(card: AdaptiveCard, scriptUrl: string): string {
  // `<` is escaped in the JSON so card text can never close the script element.
  const cardJson = JSON.stringify(card).replace(/</g, '\\u003c');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>pull-doctor card</title>
<style>
  body { margin: 0; padding: 16px; background: #f5f5f5; font-family: "Segoe UI", system-ui, "DejaVu Sans", sans-serif; }
  #pd-card { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); overflow: hidden; }
  #pd-card p { margin: 0; } #pd-card ul { margin: 0; padding-left: 20px; box-sizing: border-box; max-width: 100%; }
  #pd-card li, #pd-card p { overflow-wrap: anywhere; }
  #pd-status { display: none; }
</style>
<script src="${scriptUrl}"></script></head>
<body><div id="pd-card"></div><div id="pd-status" data-status="PENDING"></div>
<script type="application/json" id="pd-card-json">${cardJson}</script>
<script>${HARNESS_SCRIPT}</script></body></html>
`;
}

function runChromium(chromium: string, args: string[], options: CardPngOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      chromium,
      args,
      { timeout: options.timeoutMs ?? 30_000, signal: options.signal, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new CardRenderError(`chromium failed: ${error.message}${stderr ? `\n${stderr.slice(-2000)}` : ''}`));
        else resolve(stdout);
      },
    );
  });
}

/** Reads the harness's status element out of a `--dump-dom` output. */
export function harnessStatus(dom: string): { status: string; height: number } {
  const match = /<div id="pd-status" data-status="([^"]*)"(?: data-height="(\d+)")?/.exec(dom);
  if (!match) return { status: 'RENDER_ERROR: status element missing from the DOM', height: 0 };
  return { status: match[1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"'), height: Number(match[2] ?? 0) };
}

/**
 * Renders `card` and writes a PNG of exactly its height. Two Chromium runs: the first measures the
 * rendered card (and fails on any render error), the second takes the screenshot at that height.
 */
export async function renderCardPng(card: AdaptiveCard, pngPath: string, options: CardPngOptions = {}): Promise<CardPngResult> {
  const chromium = options.chromiumPath ?? findChromium();
  if (!chromium) throw new CardRenderError('Chromium not found (Debian: apt-get install -y chromium)');
  const width = options.width ?? 640;
  const work = await mkdtemp(join(tmpdir(), 'pd-card-'));
  try {
    const script = join(dirname(require.resolve('adaptivecards/package.json')), 'dist', 'adaptivecards.min.js');
    const page = join(work, 'card.html');
    await writeFile(page, cardHarnessHtml(card, pathToFileURL(script).href));
    const flags = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      // The page is a local file: resolve no host at all, so nothing (update checks, safe browsing) leaves the machine.
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--hide-scrollbars',
      `--user-data-dir=${join(work, 'profile')}`,
    ];
    const url = pathToFileURL(page).href;
    const measured = harnessStatus(await runChromium(chromium, [...flags, '--dump-dom', `--window-size=${width},1000`, url], options));
    if (measured.status !== 'RENDER_OK') throw new CardRenderError(measured.status);
    const height = Math.min(Math.max(measured.height, 100), 16_000);
    const shot = harnessStatus(await runChromium(chromium, [...flags, '--dump-dom', `--screenshot=${pngPath}`, `--window-size=${width},${height}`, url], options));
    if (shot.status !== 'RENDER_OK') throw new CardRenderError(shot.status);
    const { size } = await stat(pngPath);
    return { path: pngPath, width, height, bytes: size };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

import { classifyPullMessage } from '../../lib/classify/classify-pull-message';
import { readings, withoutAnsi, withoutEscaping } from '../../lib/classify/paste-noise';
import { allCorpus } from './all-corpus';

/**
 * A user pastes a pull error the way their terminal, log viewer or chat client shows it. Each transform is
 * noise seen in the real corpus (corpus-fresh.ts, fourth batch): colour codes, hard wraps mid-word, folding at
 * spaces, k9s borders, JSON / Go string escaping (once or nested), kubectl event columns, syslog and localized
 * timestamps, CRLF, case. Every real message must be classified the same with the noise as without it.
 */
const wrapEvery = (text: string, width: number, joint: string): string =>
  text.replace(new RegExp(`(.{${width}})`, 'g'), `$1${joint}`);

const foldAtSpaces = (text: string, width: number): string => {
  let column = 0;
  return text.replace(/ |[^ ]+/g, (token) => {
    if (token === ' ' && column > width) {
      column = 0;
      return '\n      ';
    }
    column += token.length;
    return token;
  });
};

const NOISE: ReadonlyArray<[string, (text: string) => string]> = [
  ['ANSI colours', (t) => `\u001b[1;31m${t.replace(' ', ' \u001b[0m\u001b[33m')}\u001b[0m\u001b]8;;\u0007`],
  ['hard wrap mid-word at 80 columns', (t) => wrapEvery(t, 80, '\n')],
  ['k9s border wrap', (t) => `│ ${wrapEvery(t, 120, '\n│ ')}`],
  ['folded at spaces (kubectl get -o yaml)', (t) => foldAtSpaces(t, 70)],
  ['JSON-escaped', (t) => JSON.stringify(t).slice(1, -1)],
  ['JSON-escaped twice', (t) => JSON.stringify(JSON.stringify(t)).slice(1, -1)],
  ['kubectl describe event columns', (t) => `  Warning  Failed     3m12s (x4 over 5m1s)  kubelet            ${t}`],
  ['syslog line with a localized date', (t) => `9月 05 15:43:00 aks-nodepool1-vmss000001 kubelet[2712]: E0905 15:43:00.123456    2712 log.go:32] ${t}`],
  ['ISO timestamp with offset', (t) => `2026-12-07T08:01:02.123+01:00 ${t}`],
  ['CRLF line ends', (t) => `${t.replace(/\n/g, '\r\n')}\r\n`],
  ['upper case', (t) => t.toUpperCase()],
  ['lower case', (t) => t.toLowerCase()],
];

const corpus = allCorpus();

describe('paste noise: every real message classifies the same with it', () => {
  // Each test classifies the clean corpus itself (no module-level or beforeAll work): code run outside a test
  // makes every classifier mutant "static" for mutation testing, which then re-runs every test per mutant.
  test.each(NOISE.map(([name, transform]) => [name, transform] as const))('%s', (_name, transform) => {
    const changed = corpus
      .map((entry) => ({ entry, before: classifyPullMessage(entry.message, entry.reason), after: classifyPullMessage(transform(entry.message), entry.reason) }))
      .filter(({ before, after }) => after.category !== before.category || after.candidates.join() !== before.candidates.join())
      .map(({ entry, before, after }) => `${before.category} → ${after.category}: ${entry.source} ${entry.message.slice(0, 100)}`);
    expect(changed).toEqual([]);
  });
});

describe('paste-noise helpers', () => {
  test('colour and hyperlink sequences go, text stays', () => {
    expect(withoutAnsi('\u001b[31mdenied\u001b[0m: \u001b]8;;https://x\u0007link\u001b]8;;\u0007')).toBe('denied: link');
    // A title sequence cut off by the paste (no BEL or ST terminator) still goes, up to the next escape.
    expect(withoutAnsi('\u001b]0;kubectl describe\u001b[31mdenied\u001b[0m')).toBe('denied');
  });

  test('escaping is undone only where an escaped quote shows the text was escaped', () => {
    expect(withoutEscaping('msg=\\"no such host\\"\\n')).toBe('msg="no such host"\n');
    expect(withoutEscaping('err=\\"a \\\\\\"b\\\\\\"\\"')).toBe('err="a "b""');
    expect(withoutEscaping('hcsshim::ProcessBaseLayer \\\\?\\C:\\root\\new')).toBe('hcsshim::ProcessBaseLayer \\\\?\\C:\\root\\new');
    // No quote at all: the escaped line breaks say so (a JSON string of a quote-free paste), but not a path's `\\new`.
    expect(withoutEscaping('C:\\\\Users\\\\me>docker pull x\\nUsing default tag\\n\\n5496: Retrying')).toBe('C:\\Users\\me>docker pull x\nUsing default tag\n\n5496: Retrying');
    expect(withoutEscaping('C:\\nodes\\new')).toBe('C:\\nodes\\new');
    // Every JSON escape a runtime's message carries: `\/` in URLs, CR, tab.
    expect(withoutEscaping('msg=\\"Get https:\\/\\/r.example\\/v2\\/\\"\\r\\n\\tEOF')).toBe('msg="Get https://r.example/v2/"\r\n\tEOF');
  });

  test('at most four levels of escaping are undone (bounded work on a pasted input)', () => {
    const escaped = (text: string, levels: number): string => (levels === 0 ? text : escaped(JSON.stringify(text).slice(1, -1), levels - 1));
    const message = 'error="pull access denied"';
    expect(withoutEscaping(escaped(message, 4))).toBe(message);
    expect(withoutEscaping(escaped(message, 5))).toBe(escaped(message, 1));
  });

  test('a wrapped message is read as pasted, folded at spaces, and joined', () => {
    expect(readings('one line')).toEqual(['one line']);
    // Only folds (indented continuations): folds read as spaces is the mixed reading, not listed twice.
    expect(readings('no such\n      host')).toEqual(['no such\n      host', 'no such host', 'no suchhost']);
    // A fold right before a line break leaves a blank line: one break, one space.
    expect(readings('on 10.0.0.1:53:\n      \n    read udp')[1]).toBe('on 10.0.0.1:53: read udp');
    // Only hard wraps (a break straight into the word): the mixed reading is the joined one, not listed twice.
    expect(readings('read: connectio\nn reset by peer')).toEqual(['read: connectio\nn reset by peer', 'read: connectio n reset by peer', 'read: connection reset by peer']);
    expect(readings('read: connectio\n│ n reset by peer')).toEqual([
      'read: connectio\n│ n reset by peer',
      'read: connectio n reset by peer',
      'read: connection reset by peer',
    ]);
    // An indented continuation (a fold) and a break straight into a word (a terminal's hard wrap) in one paste.
    expect(readings('(Tag v2\n    not found in reposi\ntory x)')).toEqual([
      '(Tag v2\n    not found in reposi\ntory x)',
      '(Tag v2 not found in reposi tory x)',
      '(Tag v2not found in repository x)',
      '(Tag v2 not found in repository x)',
    ]);
  });

  test('a hard-wrapped cause is found, and a pasted describe block keeps the line that says it', () => {
    const wrapped = 'failed to do request: Head "https://registry-1.docker.io/v2/rancher/metrics-server/manifests/v0.3.6": read tcp 10.0.0.4:48514->107.23.149.57:443: read: connectio\nn reset by peer';
    expect(classifyPullMessage(wrapped).category).toBe('network_unreachable');
    const folded = 'Failed to pull image "a:1": rpc error: code = Unknown desc = dial tcp: lookup registry-1.docker.io on 10.0.0.10:53: no such\n      host';
    expect(classifyPullMessage(folded).category).toBe('dns_failure');
  });
});

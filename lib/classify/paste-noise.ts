/**
 * What a pasted pull error carries besides the runtime's words, removed once at the edge so that the rules
 * only ever see the words: terminal colour codes, JSON / Go string escaping (`\"`, `\n`, nested as logs
 * quote logs), CRLF, and line wraps (a terminal's hard wrap that cuts a word, `kubectl` or YAML folding at
 * spaces, k9s' `│` border). Real examples of each: test/classifier/corpus-fresh.ts (fourth batch).
 */

// CSI sequences (colours, cursor moves) and OSC sequences (titles, hyperlinks).
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;

export function withoutAnsi(text: string): string {
  return text.replace(ANSI, '');
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', n: '\n', r: '\r', t: '\t' };

/**
 * Undoes string escaping, one level per pass, while the text still shows an escaped quote or line break (the sign
 * that it was escaped at all: a bare Windows path such as `C:\root` must keep its backslashes).
 */
export function withoutEscaping(text: string): string {
  let out = text;
  // A JSON string of a text without quotes shows only its line breaks as `\n`: a `\n` before a capital, a digit or another
  // break (not a path's `\node`) says it was escaped too.
  const escaped = (t: string) => t.includes('\\"') || /\\n(?![a-z])/.test(t);
  for (let level = 0; level < 4 && escaped(out); level++) {
    out = out.replace(/\\(["\\/nrt])/g, (_match, ch: string) => ESCAPES[ch]);
  }
  return out;
}

// A line break with the next line's indentation, quote marker or k9s border; a run of them (a blank line a fold left) is one.
const BREAK = /(?:[ \t]*\r?\n[ \t│┃|>]*)+/g;

// A break straight into text (no indentation, no border): a terminal's hard wrap at its last column.
const HARD_WRAP = /\r?\n(?=[^\s│┃|>])/g;

/**
 * The ways a wrapped message may be read: as pasted (separate `kubectl describe` rows stay separate),
 * with every break read as a space (folding at spaces), with breaks removed (a hard wrap mid-word:
 * `connectio` / `n reset by peer`), and — when a paste has both — folds read as spaces and hard wraps
 * joined (an indented YAML/kubectl continuation re-wrapped by a terminal). The classifier uses whichever
 * reading a more specific rule matches.
 */
export function readings(text: string): string[] {
  if (!text.includes('\n')) return [text];
  const folded = text.replace(BREAK, ' ');
  const joined = text.replace(/\r?\n[ \t│┃|>]*/g, '');
  const mixed = text.replace(HARD_WRAP, '').replace(BREAK, ' ');
  return mixed === folded || mixed === joined ? [text, folded, joined] : [text, folded, joined, mixed];
}

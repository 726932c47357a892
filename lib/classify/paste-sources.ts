import { decodeHTMLStrict } from 'entities/lib/decode.js';

/**
 * What the place a pull error was copied from adds to it, removed before the rules run. The runtime never writes
 * any of it, so turning it back into the runtime's ASCII loses nothing:
 * - a web page, a chat or an editor: HTML entities (`&quot;` from a page's source or an issue export), typographic
 *   quotes (`"` turned into `“ ”`), Unicode spaces (`&nbsp;` copies as U+00A0; chat formatting adds zero-width ones);
 * - `kubectl get pod -o yaml`: the status message as a single-quoted YAML scalar, where `'` is written `''`
 *   (YAML 1.2.2 §7.3.2, https://yaml.org/spec/1.2.2/#732-single-quoted-style).
 */

// Only text that shows an entity is decoded: a bare `&` (a token URL's `&service=`) stays as it is.
const ENTITY = /&(?:#\d{1,7}|#x[\da-f]{1,6}|[a-z][a-z\d]{1,31});/i;
const WIDE_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const DOUBLE_QUOTES = /[\u201c-\u201f\u00ab\u00bb\u2033]/g;
const SINGLE_QUOTES = /[\u2018-\u201b\u2032]/g;

export function withoutWebTypography(text: string): string {
  const decoded = ENTITY.test(text) ? decodeHTMLStrict(text) : text;
  return decoded.replace(WIDE_SPACES, ' ').replace(ZERO_WIDTH, '').replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'");
}

// A pod status's `message: '…'` scalar, up to its closing quote (a `'` not doubled) or the end of the paste.
const YAML_SINGLE_QUOTED_MESSAGE = /(\bmessage: ')((?:[^']|'')*)/g;

export function withoutYamlQuoting(text: string): string {
  return text.replace(YAML_SINGLE_QUOTED_MESSAGE, (_match, key: string, value: string) => key + value.replace(/''/g, "'"));
}

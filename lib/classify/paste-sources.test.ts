import { withoutWebTypography, withoutYamlQuoting } from './paste-sources';

// What a web page, chat or `kubectl get pod -o yaml` adds, and what it must leave alone (the runtime's own text).
const WEB: Array<[string, string, string]> = [
  ['named and numeric entities', 'Get &quot;https://r.io/v2/&quot;: x509: &lt;nil&gt; &#39;a&#39; &#x27;b&#x27; &amp;', `Get "https://r.io/v2/": x509: <nil> 'a' 'b' &`],
  ['a bare & of a token URL stays', 'GET https://auth.docker.io/token?scope=repository:a:pull&service=registry.docker.io: 401', 'GET https://auth.docker.io/token?scope=repository:a:pull&service=registry.docker.io: 401'],
  ['an entity-looking word without ; stays', 'a &quot b', 'a &quot b'],
  ['non-breaking and other wide spaces', 'no\u00a0such\u2009host\u202fhere\u3000now\u2002x', 'no such host here now x'],
  ['&nbsp; becomes a plain space', 'no&nbsp;such host', 'no such host'],
  ['zero-width characters go', 'denied:\u200b\u200c\u200d\u2060\ufeff requested', 'denied: requested'],
  ['typographic double quotes', '\u201ca\u201d \u201eb\u201f \u00abc\u00bb', '"a" "b" "c"'],
  ['typographic single quotes', '\u2018docker login\u2019 \u201ax\u201b', "'docker login' 'x'"],
  ['plain text unchanged', 'dial tcp: lookup r.io on 10.0.0.10:53: no such host', 'dial tcp: lookup r.io on 10.0.0.10:53: no such host'],
];

const YAML: Array<[string, string, string]> = [
  ['a doubled quote in a message scalar', "message: 'Access to registry ''foo.azurecr.io'' was denied'", "message: 'Access to registry 'foo.azurecr.io' was denied'"],
  ['several message scalars', "message: 'a''b'\n  reason: X\nmessage: 'c''d'", "message: 'a'b'\n  reason: X\nmessage: 'c'd'"],
  ['outside a message scalar stays', "image: 'it''s'\nmessage: plain ''x''", "image: 'it''s'\nmessage: plain ''x''"],
  ['a scalar cut by the paste', "message: 'couldn''t pull", "message: 'couldn't pull"],
];

describe('withoutWebTypography', () => {
  test.each(WEB)('%s', (_case, pasted, words) => {
    expect(withoutWebTypography(pasted)).toBe(words);
  });
});

describe('withoutYamlQuoting', () => {
  test.each(YAML)('%s', (_case, pasted, words) => {
    expect(withoutYamlQuoting(pasted)).toBe(words);
  });
});

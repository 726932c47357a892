import { classifyPullMessage } from '../../lib/classify/classify-pull-message';
import { CATEGORIES, ClassificationSchema, type Category } from '../../lib/model/category';
import { allCorpus } from './all-corpus';
import { CITED, type CorpusEntry } from './corpus';
import { FRESH, FRESH_FIFTH, FRESH_FOURTH, FRESH_SECOND, FRESH_THIRD } from './corpus-fresh';
import { HARVESTED } from './corpus-harvest';
import { FRESH_EIGHTH } from './corpus-eighth';
import { FRESH_NINTH } from './corpus-ninth';
import { FRESH_TENTH } from './corpus-tenth';
import { FRESH_ELEVENTH_A } from './corpus-eleventh-a';
import { FRESH_ELEVENTH_B } from './corpus-eleventh-b';
import { FRESH_TWELFTH_C } from './corpus-twelfth-c';
import { FRESH_TWELFTH_D } from './corpus-twelfth-d';
import { FRESH_THIRTEENTH_A } from './corpus-thirteenth-a';
import { FRESH_THIRTEENTH_B } from './corpus-thirteenth-b';
import { FRESH_FOURTEENTH_A } from './corpus-fourteenth-a';
import { FRESH_FOURTEENTH_B } from './corpus-fourteenth-b';
import { FRESH_FOURTEENTH_C } from './corpus-fourteenth-c';
import { FRESH_FOURTEENTH_D } from './corpus-fourteenth-d';
import { FRESH_FIFTEENTH_A } from './corpus-fifteenth-a';
import { FRESH_FIFTEENTH_B } from './corpus-fifteenth-b';
import { FRESH_FIFTEENTH_C } from './corpus-fifteenth-c';
import { FRESH_FIFTEENTH_D } from './corpus-fifteenth-d';
import { FRESH_SIXTEENTH_A } from './corpus-sixteenth-a';
import { FRESH_SIXTEENTH_B } from './corpus-sixteenth-b';
import { FRESH_SIXTEENTH_C } from './corpus-sixteenth-c';
import { FRESH_SIXTEENTH_D } from './corpus-sixteenth-d';
import { FRESH_SEVENTEENTH_A } from './corpus-seventeenth-a';
import { FRESH_SEVENTEENTH_B } from './corpus-seventeenth-b';
import { FRESH_SEVENTEENTH_C } from './corpus-seventeenth-c';
import { FRESH_SEVENTEENTH_D } from './corpus-seventeenth-d';
import { FRESH_SEVENTH, FRESH_SIXTH } from './corpus-sixth';
import { formatScore, scoreCorpus } from './corpus-score';
import { PRODUCED_LABELS, readProducedMessages } from './produced-corpus';

const corpus: CorpusEntry[] = allCorpus();
/** Blind batch 15: Q&A sites and blogs (a), the oldest threads (b), ML, data and GPU platforms (c), networking, mesh, observability and security projects (d). */
const FIFTEENTH: readonly CorpusEntry[] = [...FRESH_FIFTEENTH_A, ...FRESH_FIFTEENTH_B, ...FRESH_FIFTEENTH_C, ...FRESH_FIFTEENTH_D];
/** Blind batch 16: Azure (a), small, edge and desktop distributions (b), CI/CD, GitOps and operators (c), mirrors and the Chinese ecosystem (d). */
const SIXTEENTH: readonly CorpusEntry[] = [...FRESH_SIXTEENTH_A, ...FRESH_SIXTEENTH_B, ...FRESH_SIXTEENTH_C, ...FRESH_SIXTEENTH_D];
/** Blind batch 17: Windows containers (a), home-lab and self-hosting platforms (b), the other clouds (c), Helm charts of big applications (d). */
const SEVENTEENTH: readonly CorpusEntry[] = [...FRESH_SEVENTEENTH_A, ...FRESH_SEVENTEENTH_B, ...FRESH_SEVENTEENTH_C, ...FRESH_SEVENTEENTH_D];

const scoreOf = (entries: readonly CorpusEntry[]) =>
  scoreCorpus(entries.map((entry) => ({ entry, result: classifyPullMessage(entry.message, entry.reason) })));

describe('classifier corpus (real messages)', () => {
  afterAll(() => {
    // The per-category tables are the measured figures BENCHMARKS.md records.
    const tables = [
      formatScore(scoreOf(corpus)),
      `fresh set (collected after the rules, scored before changing them):\n${formatScore(scoreOf(FRESH))}`,
      `second fresh batch:\n${formatScore(scoreOf(FRESH_SECOND))}`,
      `third fresh batch:\n${formatScore(scoreOf(FRESH_THIRD))}`,
      `fourth fresh batch:\n${formatScore(scoreOf(FRESH_FOURTH))}`,
      `fifth fresh batch:\n${formatScore(scoreOf(FRESH_FIFTH))}`,
      `sixth fresh batch:\n${formatScore(scoreOf(FRESH_SIXTH))}`,
      `seventh fresh batch:\n${formatScore(scoreOf(FRESH_SEVENTH))}`,
      `eighth fresh batch:\n${formatScore(scoreOf(FRESH_EIGHTH))}`,
      `ninth fresh batch:\n${formatScore(scoreOf(FRESH_NINTH))}`,
      `blind batch 10 (collected by a helper that never read the rules):\n${formatScore(scoreOf(FRESH_TENTH))}`,
      `blind batch 11 (two helpers that never read the rules: runtimes and distributions; registries, clouds and projects):\n${formatScore(scoreOf([...FRESH_ELEVENTH_A, ...FRESH_ELEVENTH_B]))}`,
      `blind batch 12 (two more: web pages and CI/tools; application projects and operators):\n${formatScore(scoreOf([...FRESH_TWELFTH_C, ...FRESH_TWELFTH_D]))}`,
      `blind batch 13 (two more: Azure services and AKS; developer tooling, charts, serverless, edge):\n${formatScore(scoreOf([...FRESH_THIRTEENTH_A, ...FRESH_THIRTEENTH_B]))}`,
      `blind batch 14 (registry products and cloud registries; distributions, cluster tooling, admission policy; the newest runtimes; documentation pages):\n${formatScore(scoreOf([...FRESH_FOURTEENTH_A, ...FRESH_FOURTEENTH_B, ...FRESH_FOURTEENTH_C, ...FRESH_FOURTEENTH_D]))}`,
      `blind batch 15 (Q&A sites and blogs; the oldest threads; ML, data and GPU platforms; networking, mesh, observability and security projects):\n${formatScore(scoreOf(FIFTEENTH))}`,
      `blind batch 16 (Azure; small, edge and desktop distributions; CI/CD, GitOps and operators; mirrors and the Chinese ecosystem):\n${formatScore(scoreOf(SIXTEENTH))}`,
      `blind batch 17 (Windows containers; home-lab and self-hosting platforms; the other clouds; Helm charts of big applications):\n${formatScore(scoreOf(SEVENTEENTH))}`,
    ];
    console.log(tables.join('\n\n'));
  });

  test('the fresh set meets the issue-15 bar: >= 80% exact, >= 98% exact or candidate', () => {
    const fresh = scoreOf([...FRESH, ...FRESH_SECOND, ...FRESH_THIRD, ...FRESH_FOURTH, ...FRESH_FIFTH, ...FRESH_SIXTH, ...FRESH_SEVENTH, ...FRESH_EIGHTH, ...FRESH_NINTH]);
    expect(fresh.messages).toBeGreaterThanOrEqual(100);
    expect(fresh.exact).toBeGreaterThanOrEqual(0.8);
    expect(fresh.exactOrCandidate).toBeGreaterThanOrEqual(0.98);
  });

  // Blind batch 10 keeps its 7 known misses (reasons in corpus-tenth.ts): held at its measured level so a rule
  // change that loses more of it fails, not at the fixed batches' bar.
  test('blind batch 10 stays at its measured level: >= 83% exact, >= 88% exact or candidate', () => {
    const blind = scoreOf(FRESH_TENTH);
    expect(blind.messages).toBeGreaterThanOrEqual(55);
    expect(blind.exact).toBeGreaterThanOrEqual(0.83);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.88);
  });

  // Blind batch 11 (125 messages) keeps its 7 known misses (reasons in corpus-eleventh-a.ts / -b.ts), held the same way.
  test('blind batch 11 stays at its measured level: >= 79% exact, >= 94% exact or candidate', () => {
    const blind = scoreOf([...FRESH_ELEVENTH_A, ...FRESH_ELEVENTH_B]);
    expect(blind.messages).toBeGreaterThanOrEqual(120);
    expect(blind.exact).toBeGreaterThanOrEqual(0.79);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.94);
  });

  // Blind batch 12 (139 messages) keeps its 10 known misses (reasons in corpus-twelfth-c.ts / -d.ts), held the same way.
  test('blind batch 12 stays at its measured level: >= 79% exact, >= 92% exact or candidate', () => {
    const blind = scoreOf([...FRESH_TWELFTH_C, ...FRESH_TWELFTH_D]);
    expect(blind.messages).toBeGreaterThanOrEqual(135);
    expect(blind.exact).toBeGreaterThanOrEqual(0.79);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.92);
  });

  // Blind batch 13 (120 messages) keeps its 4 known misses (reasons in corpus-thirteenth-a.ts / -b.ts), held the same way.
  test('blind batch 13 stays at its measured level: >= 82% exact, >= 96% exact or candidate', () => {
    const blind = scoreOf([...FRESH_THIRTEENTH_A, ...FRESH_THIRTEENTH_B]);
    expect(blind.messages).toBeGreaterThanOrEqual(115);
    expect(blind.exact).toBeGreaterThanOrEqual(0.82);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.96);
  });

  // Blind batch 14 keeps its known misses (reasons in corpus-fourteenth-*.ts), held the same way.
  test('blind batch 14 stays at its measured level: >= 77% exact, >= 95% exact or candidate', () => {
    const blind = scoreOf([...FRESH_FOURTEENTH_A, ...FRESH_FOURTEENTH_B, ...FRESH_FOURTEENTH_C, ...FRESH_FOURTEENTH_D]);
    expect(blind.messages).toBeGreaterThanOrEqual(225);
    expect(blind.exact).toBeGreaterThanOrEqual(0.77);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.95);
  });

  // Blind batch 15 keeps its known misses (reasons in corpus-fifteenth-*.ts), held the same way.
  test('blind batch 15 stays at its measured level: >= 75% exact, >= 96% exact or candidate', () => {
    const blind = scoreOf(FIFTEENTH);
    expect(blind.messages).toBeGreaterThanOrEqual(200);
    expect(blind.exact).toBeGreaterThanOrEqual(0.75);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.96);
  });

  // Blind batch 16 keeps its known misses (reasons in corpus-sixteenth-*.ts), held the same way.
  test('blind batch 16 stays at its measured level: >= 78% exact, >= 93% exact or candidate', () => {
    const blind = scoreOf(SIXTEENTH);
    expect(blind.messages).toBeGreaterThanOrEqual(195);
    expect(blind.exact).toBeGreaterThanOrEqual(0.78);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.93);
  });

  // Blind batch 17 keeps its known misses (reasons in corpus-seventeenth-*.ts), held the same way.
  test('blind batch 17 stays at its measured level: >= 83% exact, >= 97% exact or candidate', () => {
    const blind = scoreOf(SEVENTEENTH);
    expect(blind.messages).toBeGreaterThanOrEqual(200);
    expect(blind.exact).toBeGreaterThanOrEqual(0.83);
    expect(blind.exactOrCandidate).toBeGreaterThanOrEqual(0.97);
  });

  test('the fresh set quotes sources the rest of the corpus never used', () => {
    const older = new Set([...CITED, ...HARVESTED].map((entry) => entry.source.split(' ')[0]));
    expect([...FRESH, ...FRESH_SECOND, ...FRESH_THIRD, ...FRESH_FOURTH, ...FRESH_FIFTH, ...FRESH_SIXTH, ...FRESH_SEVENTH, ...FRESH_EIGHTH, ...FRESH_NINTH, ...FRESH_TENTH, ...FRESH_ELEVENTH_A, ...FRESH_ELEVENTH_B, ...FRESH_TWELFTH_C, ...FRESH_TWELFTH_D, ...FRESH_THIRTEENTH_A, ...FRESH_THIRTEENTH_B, ...FRESH_FOURTEENTH_A, ...FRESH_FOURTEENTH_B, ...FRESH_FOURTEENTH_C, ...FRESH_FOURTEENTH_D, ...FIFTEENTH, ...SIXTEENTH, ...SEVENTEENTH].filter((entry) => older.has(entry.source))).toEqual([]);
  });

  test.each(corpus.map((entry) => [entry.category, entry.message.slice(0, 90), entry] as const))(
    '%s ← %s',
    (_category, _head, entry) => {
      const result = classifyPullMessage(entry.message, entry.reason);
      expect(ClassificationSchema.parse(result)).toEqual(result);
      if (entry.knownMiss) {
        // Counted in the scores as a miss; once the classifier names the cause, drop the marker.
        expect([result.category, ...result.candidates]).not.toContain(entry.category);
        return;
      }
      if (entry.ambiguous) {
        // The text cannot decide: the cause must be named, as the category or a candidate.
        expect([result.category, ...result.candidates]).toContain(entry.category);
        expect(result.candidates.length).toBeGreaterThan(0);
      } else {
        expect(result.category).toBe(entry.category);
      }
      expect(result.candidates).not.toContain(result.category);
      // An unknown answer (the truth among its candidates, for an ambiguous text) has no confidence to give.
      if (entry.category === 'unknown' || result.category === 'unknown') {
        expect(result.confidence).toBe(0);
      } else {
        expect(result.confidence).toBeGreaterThan(0);
        expect(result.explanation.length).toBeGreaterThan(10);
      }
    },
  );

  test.each(CATEGORIES.map((category) => [category]))('%s has at least 10 real messages', (category: Category) => {
    const entries = corpus.filter((entry) => entry.category === category);
    expect(entries.length).toBeGreaterThanOrEqual(10);
  });

  test('at least 800 real messages, each quoted once', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(800);
    const seen = new Set(corpus.map((entry) => `${entry.source} ${entry.message}`));
    expect(seen.size).toBe(corpus.length);
  });

  test('every entry names its source: a public URL or the command that produced it', () => {
    for (const entry of corpus) {
      expect(entry.source).toMatch(/^(https?:\/\/\S+|produced-here: .+)/);
    }
  });

  test('produced-messages.txt records the runtime versions and only labels the corpus knows', () => {
    const { header, records } = readProducedMessages();
    expect(header.join('\n')).toMatch(/containerd 1\.\d+/);
    expect(records.length).toBeGreaterThanOrEqual(20);
    for (const record of records) {
      expect(Object.keys(PRODUCED_LABELS)).toContain(record.label);
      expect(record.message.length).toBeGreaterThan(0);
    }
  });
});

describe('classifier rules that need more than one wording', () => {
  // The two halves are real (MS Learn causes 2 and 1); kubelet joins per-credential errors this way.
  const aggregate = (first: string, second: string): string =>
    `Failed to pull image "myacr.azurecr.io/app:v9": [${first}, ${second}]`;
  const anonymous401 =
    'rpc error: code = Unknown desc = failed to pull and unpack image "myacr.azurecr.io/app:v9": failed to resolve reference "myacr.azurecr.io/app:v9": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized';

  test('manifest unknown / not found followed by the anonymous retry 401 is a missing tag', () => {
    const notFound =
      'rpc error: code = NotFound desc = failed to pull and unpack image "myacr.azurecr.io/app:v9": failed to resolve reference "myacr.azurecr.io/app:v9": myacr.azurecr.io/app:v9: not found';
    const result = classifyPullMessage(aggregate(notFound, anonymous401));
    expect(result.category).toBe('tag_not_found');
    expect(result.runtimeError).toBe('myacr.azurecr.io/app:v9: not found');
    expect(classifyPullMessage('reading manifest v9 in myacr.azurecr.io/app: manifest unknown; unauthorized: authentication required').category).toBe(
      'tag_not_found',
    );
  });

  test('no match for platform followed by a 401 is a platform problem', () => {
    const platform =
      'rpc error: code = NotFound desc = failed to pull and unpack image "myacr.azurecr.io/app:v9": no match for platform in manifest: not found';
    expect(classifyPullMessage(aggregate(platform, anonymous401)).category).toBe('platform_mismatch');
  });

  test('403 on the ACR token endpoint is firewall first, RBAC second', () => {
    const result = classifyPullMessage(
      'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://myacr.azurecr.io/oauth2/token?scope=repository%3Aapp%3Apull&service=myacr.azurecr.io: 403 Forbidden',
    );
    expect(result.category).toBe('firewall_denied');
    expect(result.candidates[0]).toBe('access_denied');
  });

  test('ambiguous texts name their candidates', () => {
    const pullAccess = classifyPullMessage('pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
    expect(pullAccess.category).toBe('repo_not_found');
    expect(pullAccess.candidates).toEqual(expect.arrayContaining(['auth_missing', 'access_denied']));
    const scope = classifyPullMessage('unexpected status: 401 Unauthorized: insufficient_scope: authorization failed');
    expect(scope.category).toBe('access_denied');
    expect(scope.candidates).toContain('repo_not_found');
  });

  test('back-off alone decides nothing: the usual causes as candidates, and where the error is', () => {
    const result = classifyPullMessage('Back-off pulling image "myacr.azurecr.io/app:v1"', 'ImagePullBackOff');
    expect(result).toMatchObject({ category: 'unknown', confidence: 0, candidates: ['tag_not_found', 'repo_not_found', 'auth_missing', 'registry_unavailable', 'network_unreachable'], reason: 'ImagePullBackOff' });
    expect(result.explanation).toMatch(/the Failed event/);
  });

  test('rpc prefix or not, same answer; the kubelet reason is picked up from the text', () => {
    const bare = classifyPullMessage('dial tcp: lookup myacr.azurecr.io on 168.63.129.16:53: no such host');
    const wrapped = classifyPullMessage(
      'Warning  Failed  12s (x2 over 30s)  kubelet  Failed to pull image "myacr.azurecr.io/app:v1": rpc error: code = Unknown desc = dial tcp: lookup myacr.azurecr.io on 168.63.129.16:53: no such host',
    );
    expect(bare.category).toBe('dns_failure');
    expect(wrapped.category).toBe('dns_failure');
    expect(wrapped.runtimeError).toBe('dial tcp: lookup myacr.azurecr.io on 168.63.129.16:53: no such host');
    expect(classifyPullMessage('Error: ErrImagePull: rpc error: code = Unknown desc = x: not found').reason).toBe('ErrImagePull');
  });

  test('pasted kubectl describe events: the cause line decides, not the back-off lines', () => {
    // Event rows as quoted in hjacobs/kube-ops-view#176.
    const events = [
      'Normal Pulling 18s (x2 over 37s) kubelet, kworker2 pulling image "hjacobs/kube-ops-view:0.8.1"',
      'Warning Failed 18s (x2 over 37s) kubelet, kworker2 Failed to pull image "hjacobs/kube-ops-view:0.8.1": rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving',
      'Warning Failed 18s (x2 over 37s) kubelet, kworker2 Error: ErrImagePull',
      'Normal BackOff 2s (x4 over 34s) kubelet, kworker2 Back-off pulling image "hjacobs/kube-ops-view:0.8.1"',
    ].join('\n');
    const result = classifyPullMessage(events);
    expect(result).toMatchObject({ category: 'dns_failure', reason: 'ErrImagePull' });
    expect(result.runtimeError).toBe('Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: server misbehaving');
  });

  test('a kubelet reason alone still classifies when the message is empty', () => {
    expect(classifyPullMessage('', 'InvalidImageName').category).toBe('invalid_reference');
    expect(classifyPullMessage('', 'ErrImageNeverPull').category).toBe('never_pull');
  });
});

describe('classifier robustness', () => {
  test.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['1 MB of text', 'x'.repeat(1024 * 1024)],
    ['binary with NULs', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)).toString('latin1')],
    ['invalid UTF-8 decoded', Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc].concat(Array(200).fill(0xff))).toString('utf8')],
    ['unrelated text', 'Successfully pulled image "nginx:1.27" in 1.2s'],
  ])('%s → unknown, no exception', (_name, input) => {
    const result = classifyPullMessage(input);
    expect(result.category).toBe('unknown');
    expect(result.confidence).toBe(0);
    expect(result.candidates).toEqual([]);
    expect(ClassificationSchema.safeParse(result).success).toBe(true);
  });

  test('non-string input from JavaScript callers is unknown, not a crash', () => {
    expect(classifyPullMessage(undefined as unknown as string).category).toBe('unknown');
    expect(classifyPullMessage(42 as unknown as string, 7 as unknown as string).category).toBe('unknown');
  });

  test('at most 16 KB is read, head and tail: a cause at the end of a long paste is seen, one in its middle is not, and 1 MB is fast', () => {
    const describeTail = `${'Environment: X=1\n'.repeat(4096)}  Warning  Failed  2m  kubelet  Failed to pull image "a:1": no space left on device`;
    expect(classifyPullMessage(describeTail).category).toBe('disk_pressure');
    const middle = `${'padding '.repeat(4096)} no space left on device ${'padding '.repeat(4096)}`;
    expect(classifyPullMessage(middle).category).toBe('unknown');
    const start = process.hrtime.bigint();
    classifyPullMessage(`${'failed to authorize: '.repeat(60000)}`);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500);
  });

  test('a real message with a few stray bytes still classifies', () => {
    expect(classifyPullMessage('\u0000\uFFFDdial tcp 10.0.0.4:443: connect: connection refused').category).toBe('network_unreachable');
  });
});

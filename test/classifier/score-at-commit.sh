#!/usr/bin/env bash
# Scores fresh batches with the classifier as it was at a commit, optionally with the structural fallback of
# another commit applied to its `unknown` answers — the batch-wise held-out protocol in BENCHMARKS.md.
#   test/classifier/score-at-commit.sh <rules-commit> <batches: 1,2,3,4,5,6,6A,6B,7,8,8A,8B,9,corpus,all> [fallback-commit]
# Prints counts only (exact, exact-or-candidate, wrong exact answers), never the messages: scoring a
# held-out batch must not show its texts.
set -euo pipefail
rules=$1 batches=$2 fallback=${3:-}
repo=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/rules" "$tmp/fallback"
git -C "$repo" archive "$rules" lib/classify lib/model | tar -x -C "$tmp/rules"
if [ -n "$fallback" ]; then
  git -C "$repo" archive "$fallback" lib/classify lib/model | tar -x -C "$tmp/fallback"
  wrap="withStructuralFallback(c, m)"
  import="import { withStructuralFallback } from '$tmp/fallback/lib/classify/structural-fallback';"
else
  wrap="c" import=""
fi
cp "$repo/test/classifier/produced-messages.txt" "$tmp/"
cat > "$tmp/entry.ts" <<TS
import { classifyPullMessage } from '$tmp/rules/lib/classify/classify-pull-message';
import { FRESH, FRESH_SECOND, FRESH_THIRD, FRESH_FOURTH, FRESH_FIFTH } from '$repo/test/classifier/corpus-fresh';
import { FRESH_SEVENTH, FRESH_SIXTH, FRESH_SIXTH_A, FRESH_SIXTH_B } from '$repo/test/classifier/corpus-sixth';
import { FRESH_EIGHTH, FRESH_EIGHTH_A, FRESH_EIGHTH_B } from '$repo/test/classifier/corpus-eighth';
import { FRESH_NINTH } from '$repo/test/classifier/corpus-ninth';
import { allCorpus } from '$repo/test/classifier/all-corpus';
import { CITED } from '$repo/test/classifier/corpus';
import { HARVESTED } from '$repo/test/classifier/corpus-harvest';
import { producedCorpus } from '$repo/test/classifier/produced-corpus';
$import
const sets: Record<string, () => readonly { message: string; reason?: string; category: string }[]> = {
  1: () => FRESH, 2: () => FRESH_SECOND, 3: () => FRESH_THIRD, 4: () => FRESH_FOURTH, 5: () => FRESH_FIFTH,
  6: () => FRESH_SIXTH, '6A': () => FRESH_SIXTH_A, '6B': () => FRESH_SIXTH_B, 7: () => FRESH_SEVENTH,
  8: () => FRESH_EIGHTH, '8A': () => FRESH_EIGHTH_A, '8B': () => FRESH_EIGHTH_B, 9: () => FRESH_NINTH,
  corpus: () => [...CITED, ...HARVESTED, ...producedCorpus()], all: allCorpus,
};
const classify = (m: string, r?: string) => { const c = classifyPullMessage(m, r); return $wrap; };
for (const name of '$batches'.split(',')) {
  const set = sets[name]();
  let exact = 0, listed = 0, wrong = 0;
  for (const e of set) {
    const r = classify(e.message, e.reason);
    if (r.category === e.category) exact++;
    if (r.category === e.category || (r.candidates as string[]).includes(e.category)) listed++;
    if (r.category !== e.category && r.category !== 'unknown') wrong++;
  }
  const pct = (n: number) => ((100 * n) / set.length).toFixed(1) + '%';
  console.log(\`\${name}: \${set.length} messages, exact \${pct(exact)}, exact-or-candidate \${pct(listed)}, wrong exact answers \${wrong}\`);
}
TS
NODE_PATH="$repo/node_modules" "$repo/node_modules/.bin/esbuild" "$tmp/entry.ts" --bundle --platform=node --log-level=error --outfile="$tmp/entry.js"
node "$tmp/entry.js"

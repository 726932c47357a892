import path from 'node:path';
import { diagnoseInSandbox } from '../lib/sandbox/diagnose-in-sandbox';
import { loadWorld, WORLDS_DIR } from '../lib/sandbox/load-world';
(async () => {
  const w = loadWorld(path.join(WORLDS_DIR, process.argv[2] + '.yaml'));
  const d = await diagnoseInSandbox(w, { checkTimeoutMs: 8000 });
  console.log(JSON.stringify(d.findings.find((f) => f.checkId === 'repository-tag'), null, 1));
  console.log(JSON.stringify(d.verdict.rootCauses));
})();

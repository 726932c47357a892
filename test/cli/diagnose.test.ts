import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXIT } from '../../lib/cli/command';
import { runCli } from '../../lib/cli/main';
import { DiagnosisSchema } from '../../lib/model';
import { captureIO } from '../helpers/cli-io';

describe('pull-doctor diagnose', () => {
  it.each([
    ['healthy', EXIT.ok, 'should_work'],
    ['acr-not-attached', EXIT.causeFound, 'cause_found'],
    ['caller-cannot-read-role-assignments', EXIT.undecided, 'undecided'],
  ])('--world %s exits %i (%s) and prints a Diagnosis', async (world, code, outcome) => {
    const c = captureIO();
    expect(await runCli(['diagnose', '--world', world, '--json'], c.io)).toBe(code);
    const parsed = DiagnosisSchema.parse(JSON.parse(c.out()));
    expect(parsed.verdict.outcome).toBe(outcome);
  }, 30_000);

  it('prints the fix with real names as text', async () => {
    const c = captureIO();
    expect(await runCli(['diagnose', '--world', 'acr-not-attached'], c.io)).toBe(EXIT.causeFound);
    expect(c.out()).toContain('az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr');
  }, 30_000);

  it('diagnoses another image in the same world when --image is given', async () => {
    const c = captureIO();
    const code = await runCli(['diagnose', '--world', 'healthy', '--image', 'myacr.azurecr.io/app:v9', '--json'], c.io);
    expect(code).toBe(EXIT.causeFound);
    const d = DiagnosisSchema.parse(JSON.parse(c.out()));
    expect(d.failure.message).toBeUndefined();
    expect(d.verdict.rootCauses[0].checkId).toBe('repository-tag');
  }, 30_000);

  it.each([
    [['diagnose'], /--cluster and --image are required/],
    [['diagnose', '--world', 'healthy', '-n', 'Bad_Namespace'], /not a valid namespace/],
    [['diagnose', '--world', 'healthy', '--pod', "web'; drop"], /not a valid pod name/],
    [['diagnose', '--world', 'no-such-world'], /no world "no-such-world"/],
    [['diagnose', '--cluster', 'not-a-cluster', '--image', 'nginx'], /neither a cluster resource id/],
    [['diagnose', '--frobnicate'], /unknown option "--frobnicate"/],
    [['diagnose', '--world'], /argument missing/],
  ])('%j is a usage error (exit 3)', async (args, message) => {
    const c = captureIO();
    expect(await runCli(args, c.io)).toBe(EXIT.usage);
    expect(c.err()).toMatch(message);
  });
});

describe('pull-doctor preflight', () => {
  const manifest = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    spec:
      initContainers: [{ name: migrate, image: myacr.azurecr.io/app:v1.2 }]
      containers: [{ name: web, image: myacr.azurecr.io/app:v1.3 }]
`;

  it('exits 1 and names the broken image of a manifest with one good and one broken', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-preflight-')), 'app.yaml');
    fs.writeFileSync(file, manifest);
    const c = captureIO();
    expect(await runCli(['preflight', '-f', file, '--world', 'tag-missing'], c.io)).toBe(EXIT.causeFound);
    const lines = c.out().split('\n');
    // One line per image, at its file:line; the healthy one stays one line.
    expect(lines.find((l) => l.includes('myacr.azurecr.io/app:v1.2'))).toMatch(new RegExp(`^✔ ${file.replace(/[.]/g, '\\.')}:8  Deployment/web init container migrate: \\S+ — should pull \\(\\d+ checks passed, \\d+ not applicable\\)$`));
    expect(lines.filter((l) => l.includes('migrate'))).toHaveLength(1);
    expect(lines.find((l) => l.includes('container web: myacr.azurecr.io/app:v1.3'))).toMatch(new RegExp(`^✖ ${file.replace(/[.]/g, '\\.')}:9  .*Tag v1\\.3 does not exist`));
    // Not deployed yet: the fix edits the manifest line, never kubectl.
    expect(c.out()).not.toContain('kubectl set image');
    expect(c.out()).toContain(`Edit ${file}:9: image: myacr.azurecr.io/app:v1.3 → image: myacr.azurecr.io/app:1.3`);
    expect(c.out()).toContain(`$ sed -i '9s|myacr\\.azurecr\\.io/app:v1\\.3|myacr.azurecr.io/app:1.3|' ${file}`);
  }, 30_000);

  it('the proposed sed edit fixes the manifest line', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pd-preflight-')), 'app.yaml');
    fs.writeFileSync(file, manifest);
    const c = captureIO();
    await runCli(['preflight', '-f', file, '--world', 'tag-missing', '--json'], c.io);
    const results = JSON.parse(c.out()) as Array<{ line: number; diagnosis: { findings: Array<{ fixes: Array<{ command?: string }> }> } }>;
    const sed = results.flatMap((r) => r.diagnosis.findings.flatMap((f) => f.fixes.map((x) => x.command ?? ''))).find((x) => x.startsWith('sed -i'));
    expect(sed).toBeDefined();
    execSync(sed!, { shell: '/bin/sh' });
    const again = captureIO();
    expect(await runCli(['preflight', '-f', file, '--world', 'tag-missing'], again.io)).toBe(EXIT.ok);
  }, 30_000);

  it('shows progress on a terminal', async () => {
    const c = captureIO(manifest);
    const status: string[] = [];
    c.io.status = (text) => status.push(text);
    await runCli(['preflight', '-f', '-', '--world', 'tag-missing'], c.io);
    expect(status).toEqual(['[1/2] checking myacr.azurecr.io/app:v1.2 (stdin:8)…', '[2/2] checking myacr.azurecr.io/app:v1.3 (stdin:9)…', '']);
    expect(c.out()).toContain("Edit stdin:9: image: myacr.azurecr.io/app:v1.3 → image: myacr.azurecr.io/app:1.3 (for Helm output, in the chart's values).");
  }, 30_000);

  it('reads Helm output from standard input and exits 0 when every image pulls', async () => {
    const c = captureIO(manifest.replace('app:v1.3', 'app:v1.2'));
    expect(await runCli(['preflight', '-f', '-', '--world', 'tag-missing', '--json'], c.io)).toBe(EXIT.ok);
    const results = JSON.parse(c.out()) as Array<{ image: string; outcome: string }>;
    expect(results.map((r) => r.outcome)).toEqual(['should_work', 'should_work']);
  }, 30_000);

  it('reports a YAML error as a usage error', async () => {
    const c = captureIO('kind: [unclosed');
    expect(await runCli(['preflight', '-f', '-', '--world', 'tag-missing'], c.io)).toBe(EXIT.usage);
    expect(c.err()).toMatch(/stdin:1 \(document 1\)/);
  });
});

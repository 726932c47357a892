import { createServices } from '../../lib/app/create-services';
import { impactExitCode, type Change } from '../../lib/model';
import { NO_WORKSPACE } from '../../lib/prevent/impact-analyzer';

const change: Change = {
  id: 'evt-1',
  kind: 'tag-deleted',
  at: '2026-11-25T21:50:00Z',
  registry: { loginServer: 'contoso.azurecr.io', repository: 'shop/web', tags: ['v1'] },
  eventIds: ['evt-1'],
  checks: ['repository-tag'],
};

describe('an impact job without any Container insights workspace', () => {
  it('is undecided, naming the setting — never "nothing at risk"', async () => {
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    // The app's own composition: no workspace, no Storage (memory), no Azure reached (nothing to re-check).
    const services = createServices({ AZURE_TOKEN_CREDENTIALS: 'EnvironmentCredential' }, { log });
    const report = await services.impactDeps().analyzer.analyze(change);
    expect(report.undecided).toEqual([{ cluster: '*', image: '*', checkId: 'repository-tag', reason: NO_WORKSPACE }]);
    expect(report.atRisk).toEqual([]);
    expect(impactExitCode(report)).toBe(2);
  }, 30_000);
});

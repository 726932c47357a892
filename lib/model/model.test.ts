import { CATEGORIES, DiagnosisSchema, DIAGNOSIS_VERSION, formatImageRef, isCategory } from '.';

describe('model', () => {
  it('lists every category once, with unknown last', () => {
    expect(new Set(CATEGORIES).size).toBe(CATEGORIES.length);
    expect(CATEGORIES[CATEGORIES.length - 1]).toBe('unknown');
    expect(isCategory('auth_missing')).toBe(true);
    expect(isCategory('AUTH_MISSING')).toBe(false);
  });

  it('formats a reference canonically', () => {
    expect(formatImageRef({ registry: 'myacr.azurecr.io', repository: 'team/app', tag: 'v1', digest: undefined })).toBe(
      'myacr.azurecr.io/team/app:v1',
    );
  });

  it('rejects a diagnosis of another version', () => {
    const base = {
      version: DIAGNOSIS_VERSION,
      failure: { image: 'nginx', source: 'cli' },
      image: null,
      classification: { category: 'unknown', confidence: 0, candidates: [], explanation: '' },
      findings: [],
      verdict: { outcome: 'undecided', rootCauses: [], summary: '' },
      timings: { startedAt: new Date(0).toISOString(), totalMs: 0, checks: {} },
      requests: { arm: 0, registry: 0, logs: 0, total: 0 },
    };
    expect(DiagnosisSchema.safeParse(base).success).toBe(true);
    expect(DiagnosisSchema.safeParse({ ...base, version: '0' }).success).toBe(false);
  });
});

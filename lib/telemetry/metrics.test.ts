import type { Histogram } from '@opentelemetry/sdk-metrics';
import { useMeterProvider } from '../../test/helpers/meter-provider';
import { recordDiagnosis, recordIncident, recordTimeToFirstMessage, resetInstruments } from './metrics';

describe('metrics helpers', () => {
  it('are no-ops without a MeterProvider', () => {
    resetInstruments();
    expect(() => {
      recordDiagnosis({ category: 'auth_missing', outcome: 'cause-found', durationMs: 12 });
      recordIncident('opened');
      recordTimeToFirstMessage(1500, { platform: 'slack' });
    }).not.toThrow();
  });

  describe('with a MeterProvider', () => {
    const { collect } = useMeterProvider();

    it('counts diagnoses by category and outcome and records their duration', async () => {
      recordDiagnosis({ category: 'auth_missing', outcome: 'cause-found', rootCause: 'pull-permission', durationMs: 800, trigger: 'alert' });
      recordDiagnosis({ category: 'auth_missing', outcome: 'cause-found', rootCause: 'pull-permission', durationMs: 1200, trigger: 'alert' });
      recordDiagnosis({ category: 'unknown', outcome: 'undecided', durationMs: -5 });
      const got = await collect();
      const counts = got.get('pull_doctor.diagnoses')!;
      const found = counts.find((p) => p.attributes.outcome === 'cause-found')!;
      expect(found.value).toBe(2);
      expect(found.attributes).toEqual({ category: 'auth_missing', outcome: 'cause-found', root_cause: 'pull-permission', trigger: 'alert' });
      expect(counts.find((p) => p.attributes.outcome === 'undecided')!.value).toBe(1);
      const durations = got.get('pull_doctor.diagnosis.duration')!;
      // The negative duration is dropped; the two valid ones are recorded.
      const h = durations.find((p) => p.attributes.outcome === 'cause-found')!.value as Histogram;
      expect(h.count).toBe(2);
      expect(h.sum).toBe(2000);
      expect(durations.find((p) => p.attributes.outcome === 'undecided')).toBeUndefined();
    });

    it('counts incident events and records time to first message per platform', async () => {
      recordIncident('opened', { category: 'tag_not_found' });
      recordIncident('resolved', { category: 'tag_not_found', resolvedBy: 'image-pushed' });
      recordTimeToFirstMessage(42_000, { platform: 'teams', trigger: 'alert' });
      recordTimeToFirstMessage(Number.NaN, { platform: 'teams' });
      const got = await collect();
      const incidents = got.get('pull_doctor.incidents')!;
      expect(incidents.map((p) => p.attributes).sort((a, b) => String(a.event).localeCompare(String(b.event)))).toEqual([
        { event: 'opened', category: 'tag_not_found' },
        { event: 'resolved', category: 'tag_not_found', resolved_by: 'image-pushed' },
      ]);
      const ttfm = got.get('pull_doctor.time_to_first_message')!;
      expect(ttfm).toHaveLength(1);
      expect(ttfm[0].attributes).toEqual({ platform: 'teams', trigger: 'alert' });
      expect((ttfm[0].value as Histogram).sum).toBe(42_000);
    });
  });
});

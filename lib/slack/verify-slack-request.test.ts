import { slackSignature, verifySlackRequest } from './verify-slack-request';

const SECRET = 'test-signing-secret-not-real';
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe('verifySlackRequest', () => {
  const now = 1_764_000_000;
  const body = 'command=%2Fpull-doctor&text=status';
  const signed = (ts: number, raw = body, secret = SECRET) => headers({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(secret, ts, raw) });

  it('computes the documented v0 signature', () => {
    // Slack's documented example (https://api.slack.com/authentication/verifying-requests-from-slack).
    const exampleBody =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, exampleBody)).toBe('v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503');
  });

  it('accepts a valid signature', () => {
    expect(verifySlackRequest(signed(now - 10), body, { signingSecret: SECRET, nowSeconds: now })).toEqual({ ok: true, timestamp: now - 10 });
  });

  it.each([
    ['missing headers', headers({}), 'missing X-Slack-Signature'],
    ['stale timestamp', signed(now - 301), 'stale request'],
    ['future timestamp', signed(now + 301), 'stale request'],
    ['wrong secret', signed(now, body, 'another-secret'), 'signature mismatch'],
    ['other body', signed(now, 'text=resolve'), 'signature mismatch'],
    ['not a v0 signature', headers({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': 'v1=abc' }), 'not a v0 signature'],
    ['bad timestamp', headers({ 'x-slack-request-timestamp': '12a', 'x-slack-signature': 'v0=' + '0'.repeat(64) }), 'not a Unix time'],
  ])('refuses %s', (_what, h, error) => {
    const result = verifySlackRequest(h, body, { signingSecret: SECRET, nowSeconds: now });
    expect(result).toEqual({ ok: false, status: 401, error: expect.stringContaining(error) });
  });
});

describe('verifySlackRequest timestamp format', () => {
  it('refuses a timestamp that is not digits even when the signature over it is valid (NaN would skip the staleness check)', () => {
    // Signed with the real secret over "a123": only the format check stands between this and acceptance.
    const h = headers({ 'x-slack-request-timestamp': 'a123', 'x-slack-signature': slackSignature(SECRET, 'a123', 'text=status') });
    expect(verifySlackRequest(h, 'text=status', { signingSecret: SECRET, nowSeconds: 1_764_000_000 })).toEqual({ ok: false, status: 401, error: 'X-Slack-Request-Timestamp is not a Unix time' });
  });
});

describe('verifySlackRequest edges', () => {
  const now = 1_764_000_000;
  const body = 'text=status';
  const sign = (ts: string, raw = body) => slackSignature(SECRET, ts, raw);
  const verify = (values: Record<string, string>, options: { nowSeconds?: number; maxAgeSeconds?: number } = { nowSeconds: now }) =>
    verifySlackRequest(headers(values), body, { signingSecret: SECRET, ...options });

  it.each([
    ['only the signature', { 'x-slack-signature': sign(String(now)) }],
    ['only the timestamp', { 'x-slack-request-timestamp': String(now) }],
  ])('refuses a request carrying %s', (_what, values) => {
    expect(verify(values)).toEqual({ ok: false, status: 401, error: expect.stringContaining('missing X-Slack-Signature') });
  });

  it.each([
    ['trailing junk after digits', `${now}a`],
    ['13 digits (zero-padded, so fresh by value)', `000${now}`],
    ['empty', ''],
  ])('refuses a validly signed timestamp that is %s', (_what, ts) => {
    const result = verify({ 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(ts) });
    expect(result.ok).toBe(false);
  });

  it('accepts a validly signed 12-digit zero-padded timestamp (the format bound is inclusive)', () => {
    const ts = `00${now}`;
    expect(verify({ 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(ts) })).toEqual({ ok: true, timestamp: now });
  });

  it.each([
    ['exactly five minutes old', now - 300],
    ['exactly five minutes ahead', now + 300],
  ])('accepts a timestamp %s (the window is inclusive)', (_what, ts) => {
    expect(verify({ 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(String(ts)) })).toEqual({ ok: true, timestamp: ts });
  });

  it('honours a caller-supplied maximum age', () => {
    const ts = String(now - 61);
    const values = { 'x-slack-request-timestamp': ts, 'x-slack-signature': sign(ts) };
    expect(verify(values, { nowSeconds: now, maxAgeSeconds: 60 })).toEqual({ ok: false, status: 401, error: expect.stringContaining('stale request') });
    expect(verify(values, { nowSeconds: now, maxAgeSeconds: 61 })).toEqual({ ok: true, timestamp: now - 61 });
  });

  it('uses the real clock when no time is given', () => {
    const fresh = String(Math.floor(Date.now() / 1000));
    expect(verify({ 'x-slack-request-timestamp': fresh, 'x-slack-signature': sign(fresh) }, {})).toMatchObject({ ok: true });
    const stale = String(now - 10);
    expect(verify({ 'x-slack-request-timestamp': stale, 'x-slack-signature': sign(stale) }, {})).toMatchObject({ ok: false, error: expect.stringContaining('stale') });
  });

  it.each([
    ['upper-case hex', (s: string) => s.toUpperCase().replace('V0=', 'v0=')],
    ['trailing characters', (s: string) => `${s}00`],
    ['a leading prefix', (s: string) => `x${s}`],
    ['one hex digit short', (s: string) => s.slice(0, -1)],
  ])('refuses a signature with %s as not a v0 signature', (_what, alter) => {
    const ts = String(now);
    expect(verify({ 'x-slack-request-timestamp': ts, 'x-slack-signature': alter(sign(ts)) })).toEqual({ ok: false, status: 401, error: 'X-Slack-Signature is not a v0 signature' });
  });
});

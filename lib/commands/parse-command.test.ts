import { commandWords, parseCommand, parseDuration } from './parse-command';

describe('parseCommand', () => {
  it.each([
    ['diagnose web-7d9c5b8f6d-x2k8p -n shop --cluster aks-prod', { verb: 'diagnose-pod', pod: 'web-7d9c5b8f6d-x2k8p', namespace: 'shop', cluster: 'aks-prod' }],
    ['diagnose web-1 --namespace=shop', { verb: 'diagnose-pod', pod: 'web-1', namespace: 'shop' }],
    ['diagnose web-1 -c rg-aks-prod/aks-prod', { verb: 'diagnose-pod', pod: 'web-1', cluster: 'rg-aks-prod/aks-prod' }],
    ['diagnose image myacr.azurecr.io/app:v1.3 --cluster aks-prod', { verb: 'diagnose-image', image: 'myacr.azurecr.io/app:v1.3', cluster: 'aks-prod' }],
    ['DIAGNOSE image nginx', { verb: 'diagnose-image', image: 'nginx' }],
    ['recheck', { verb: 'recheck' }],
    ['re-check 0123456789abcdef', { verb: 'recheck', incident: '0123456789abcdef' }],
    ['why', { verb: 'why' }],
    ['mute 30m', { verb: 'mute', duration: '30m', durationMs: 30 * 60_000 }],
    ['mute 2h 0123456789abcdef0123456789abcdef', { verb: 'mute', duration: '2h', durationMs: 7_200_000, incident: '0123456789abcdef0123456789abcdef' }],
    ['resolve', { verb: 'resolve' }],
    ['status', { verb: 'status' }],
    ['help', { verb: 'help' }],
    ['', { verb: 'help' }],
    ['/pull-doctor status', { verb: 'status' }],
    ['<at>pull-doctor</at>&nbsp;status', { verb: 'status' }],
  ])('%s', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ['diagnose web;rm -rf /', 'not a valid pod name'],
    ["diagnose x' or 1==1", 'not a valid pod name'],
    ['diagnose web | where true', 'not a valid pod name'],
    ['diagnose Web', 'not a valid pod name'],
    ['diagnose web -n "shop"', 'not a valid namespace'],
    ['diagnose web -n shop;drop', 'not a valid namespace'],
    ['diagnose web --cluster aks;prod', 'not a valid cluster name'],
    ['diagnose web --cluster', '--cluster needs a value'],
    ['diagnose web --kubeconfig x', 'unknown option'],
    ['diagnose web -n a -n b', 'given twice'],
    ['diagnose image "nginx"', 'not a valid image reference'],
    ['diagnose image nginx; curl evil', 'not a valid image reference'],
    ['diagnose image app:v1;id', 'not a valid image reference'],
    ['diagnose', 'usage: diagnose'],
    ['mute forever', 'not a valid duration'],
    ['mute 8d', 'at most 7 days'],
    ['mute', 'usage: mute'],
    ['recheck ../../etc', 'not a valid incident id'],
    ['resolve abc', 'not a valid incident id'],
    ['status now', 'usage: status'],
    ['rm -rf /', 'unknown command'],
  ])('%s → %s', (text, error) => {
    const parsed = parseCommand(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(error);
  });

  it('refuses very long input without looking at it', () => {
    expect(parseCommand(`diagnose ${'a'.repeat(3000)}`)).toEqual({ ok: false, error: 'command too long' });
  });

  it('unescapes Slack entities before splitting', () => {
    expect(commandWords('diagnose a&amp;b &lt;x&gt;')).toEqual(['diagnose', 'a&b', '<x>']);
  });

  it('parses durations up to 7 days', () => {
    expect(parseDuration('1d')).toEqual({ ok: true, ms: 86_400_000 });
    expect(parseDuration('7d')).toEqual({ ok: true, ms: 7 * 86_400_000 });
    expect(parseDuration('0m').ok).toBe(false);
    expect(parseDuration('1w').ok).toBe(false);
  });
});

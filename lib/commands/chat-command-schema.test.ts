import { ChatCommandSchema, READ_ONLY_VERBS } from './chat-command-schema';
import { parseCommand } from './parse-command';

describe('ChatCommandSchema (a queued command read back)', () => {
  it.each([
    'diagnose web-7d9c5b8f6d-x2k8p -n shop --cluster aks-prod',
    'diagnose web-1',
    'diagnose image myacr.azurecr.io/app:v1.3 --cluster rg-aks-prod/aks-prod',
    'why 0123456789abcdef',
    'recheck',
    'mute 2h 0123456789abcdef0123456789abcdef',
    'resolve',
    'status',
    'help',
  ])('round-trips %s unchanged', (text) => {
    const parsed = parseCommand(text);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(ChatCommandSchema.parse(JSON.parse(JSON.stringify(parsed.command)))).toEqual(parsed.command);
  });

  it.each([
    [{ verb: 'diagnose-pod', pod: 'web;rm -rf /' }, 'must be a pod name'],
    [{ verb: 'diagnose-pod', pod: 'web', namespace: 'Shop!' }, 'must be a namespace'],
    [{ verb: 'diagnose-image', image: 'myacr.azurecr.io/app:v1|where', cluster: 'aks' }, 'must be an image reference'],
    [{ verb: 'diagnose-image', image: 'myacr.azurecr.io/app:v1', cluster: "x' or 1==1" }, 'must be a cluster name'],
    [{ verb: 'why', incident: 'zz' }, 'must be an incident id'],
    [{ verb: 'mute', duration: '1h', durationMs: 30 * 24 * 3600_000 }, 'mute duration'],
    [{ verb: 'drop-tables' }, 'Invalid input'],
  ])('refuses %j', (value, message) => {
    const result = ChatCommandSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(message);
  });

  it('only read-only verbs may be run again by a queued job', () => {
    expect([...READ_ONLY_VERBS].sort()).toEqual(['audit', 'diagnose-image', 'diagnose-pod', 'help', 'status', 'why']);
  });
});

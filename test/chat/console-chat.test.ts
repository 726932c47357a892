import { ConsoleChat } from '../../lib/chat/console-chat';
import { acrNotAttached, PROGRESS } from './helpers';

function capture(color: boolean) {
  const out: string[] = [];
  return { chat: new ConsoleChat({ write: (t) => out.push(t), color }), out };
}

describe('ConsoleChat', () => {
  it('prints progress once per change, the diagnosis and the resolution, without colour when not a TTY', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const { chat, out } = capture(false);
    const ref = await chat.start(incident);
    await chat.progress(ref, incident, PROGRESS[1]!);
    await chat.progress(ref, incident, PROGRESS[1]!);
    await chat.diagnosis(ref, incident, diagnosis);
    await chat.reply(ref, 'muted for 1 h by \x1b[31mmallory\x1b[0m');
    await chat.resolved(ref, incident, 'image pushed');
    const text = out.join('');
    expect(out.filter((l) => l.includes('6/11'))).toHaveLength(1);
    expect(text).toContain('az aks update --resource-group rg-aks-prod --name aks-prod --attach-acr myacr');
    expect(text).toContain('✖ FAIL  pull permission');
    expect(text).toContain('↳ muted for 1 h by [31mmallory[0m');
    expect(text).toContain('✔ Resolved: myacr.azurecr.io/my-app:v1.0 — image pushed');
    // No escape character reaches the terminal: neither ours (no TTY) nor one injected through chat text.
    expect(text).not.toContain('\x1b');
  });

  it('colours on a TTY', async () => {
    const { diagnosis, incident } = acrNotAttached();
    const { chat, out } = capture(true);
    await chat.diagnosis({ platform: 'console' }, incident, diagnosis);
    expect(out.join('')).toContain('\x1b[31m✖ FAIL\x1b[39m' /* util.styleText closes each style with its own reset */);
  });
});

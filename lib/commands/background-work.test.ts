import { BackgroundWork, settlesWithin } from './background-work';

describe('background work', () => {
  it('idle waits for tracked work, including work tracked meanwhile; failures do not escape', async () => {
    const work = new BackgroundWork();
    const done: string[] = [];
    work.track(
      new Promise<void>((resolve) =>
        setTimeout(() => {
          done.push('a');
          work.track(Promise.reject(new Error('ignored')));
          work.track(new Promise<void>((r) => setTimeout(() => (done.push('b'), r()), 5)));
          resolve();
        }, 5),
      ),
    );
    await work.idle();
    expect(done).toEqual(['a', 'b']);
    expect(work.size).toBe(0);
  });

  it('settlesWithin tells whether work finished in time', async () => {
    expect(await settlesWithin(Promise.resolve(1), 50)).toBe(true);
    expect(await settlesWithin(Promise.reject(new Error('x')), 50)).toBe(true);
    expect(await settlesWithin(new Promise(() => undefined), 10)).toBe(false);
  });
});

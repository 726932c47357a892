import { abortable } from './abortable';

describe('abortable', () => {
  it('rejects at once with the reason of a signal already aborted, and leaves no unhandled rejection behind', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const cancelled = new AbortController();
      cancelled.abort(new Error('cancelled'));
      const work = new Promise((_, reject) => setTimeout(() => reject(new Error('work failed later')), 5));
      await expect(abortable(work, cancelled.signal)).rejects.toThrow('cancelled');
      await new Promise((r) => setTimeout(r, 30));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('rejects when the signal aborts during the work, and resolves like the work otherwise', async () => {
    const during = new AbortController();
    const pending = abortable(new Promise(() => undefined), during.signal);
    during.abort('no error object');
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('own')), new AbortController().signal)).rejects.toThrow('own');
    await expect(abortable(Promise.resolve(8), undefined)).resolves.toBe(8);
  });
});

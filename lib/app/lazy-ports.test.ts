import { lazyPort } from './lazy-ports';

interface Counter {
  add(n: number): Promise<number>;
  total(): Promise<number>;
}

class RealCounter implements Counter {
  private sum = 0;
  async add(n: number): Promise<number> {
    this.sum += n;
    return this.sum;
  }
  async total(): Promise<number> {
    return this.sum;
  }
}

describe('lazyPort', () => {
  it('builds nothing until the first call, then one implementation for every method', async () => {
    let builds = 0;
    const port = lazyPort<Counter>(async () => (builds++, new RealCounter()), { add: true, total: true });
    expect(builds).toBe(0);
    await Promise.all([port.add(2), port.add(3)]);
    expect(await port.total()).toBe(5);
    expect(builds).toBe(1);
  });

  it('builds again after a failed build (a transient error at the first request does not stick)', async () => {
    let attempt = 0;
    const port = lazyPort<Counter>(
      async () => {
        if (attempt++ === 0) throw new Error('SDK failed to load');
        return new RealCounter();
      },
      { add: true, total: true },
    );
    await expect(port.add(1)).rejects.toThrow('SDK failed to load');
    expect(await port.add(1)).toBe(1);
  });

  it('has exactly the listed methods', () => {
    const port = lazyPort<Counter>(async () => new RealCounter(), { add: true, total: true });
    expect(Object.keys(port).sort()).toEqual(['add', 'total']);
  });
});

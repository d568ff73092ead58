import { describe, expect, it } from 'vitest';
import { Cooldown, Limiter } from '../../src/bot/cooldown.ts';

describe('Cooldown', () => {
  it('GIVEN a 10 s cooldown THEN a second question within 10 s waits, and only the first refusal is flagged', () => {
    let now = 1_000_000;
    const cooldown = new Cooldown(10, () => now);
    expect(cooldown.take('u1')).toEqual({ ok: true });
    now += 4000;
    expect(cooldown.take('u1')).toEqual({ ok: false, retryAfterMs: 6000, firstRefusal: true });
    now += 1000;
    expect(cooldown.take('u1')).toEqual({ ok: false, retryAfterMs: 5000, firstRefusal: false });
    expect(cooldown.take('u2')).toEqual({ ok: true });
    now += 5000;
    expect(cooldown.take('u1')).toEqual({ ok: true });
  });

  it('GIVEN a 0 s cooldown THEN everything is allowed', () => {
    const cooldown = new Cooldown(0);
    expect([cooldown.take('u'), cooldown.take('u')]).toEqual([{ ok: true }, { ok: true }]);
  });

  it('GIVEN more than 1000 users THEN expired entries are pruned and new users still pass', () => {
    let now = 0;
    const cooldown = new Cooldown(1, () => now);
    for (let i = 0; i < 1500; i++) cooldown.take(`user${i}`);
    now += 2000;
    expect(cooldown.take('user0')).toEqual({ ok: true });
    expect(cooldown.take('newcomer')).toEqual({ ok: true });
  });
});

describe('Limiter', () => {
  const deferred = () => {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  };

  it('GIVEN max 2 THEN a third task waits for a slot and tasks start in arrival order', async () => {
    const limiter = new Limiter(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      limiter.run(async () => {
        started.push(i);
        await gate.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.waiting]).toEqual([2, 2]);
    gates[1]!.resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('GIVEN a task that throws THEN its slot is released', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limiter.run(async () => 'next')).toBe('next');
    expect(limiter.active).toBe(0);
  });

  it.each([0, -1, 1.5])('GIVEN max %s THEN it refuses', (max) => {
    expect(() => new Limiter(max)).toThrow(RangeError);
  });
});

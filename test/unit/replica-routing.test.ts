import { describe, expect, it } from '@jest/globals';
import { LagClock, MemoryWriteMemory, parseLsn } from '../../src/db/replicas.js';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('replica routing pieces', () => {
  it('orders LSNs across the 32-bit boundary', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(() => parseLsn('nonsense')).toThrow();
  });

  it('measures lag as the age of the oldest primary position not replayed', () => {
    const clock = new LagClock();
    clock.note(1_000, 100n);
    clock.note(2_000, 200n);
    expect(clock.lagMs(2_500, 50n)).toBe(1_500);
    expect(clock.lagMs(2_500, 150n)).toBe(500);
    expect(clock.lagMs(2_500, 200n)).toBe(0);
  });

  it('forgets the oldest caller beyond its bound', async () => {
    const memory = new MemoryWriteMemory(60_000, 2);
    await memory.set('a', 1n);
    await memory.set('b', 2n);
    await memory.set('c', 3n);
    expect(await memory.get('a')).toBeUndefined();
    expect(await memory.get('c')).toBe(3n);
  });

  it('reads DATABASE_REPLICA_URLS only beside DATABASE_URL, and refuses a URL that is not PostgreSQL', () => {
    expect(loadConfig({}).replicas).toBeUndefined();
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r/x' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/x', DATABASE_REPLICA_URLS: 'http://r/x' })).toThrow(/DATABASE_REPLICA_URLS/);
    const settings = loadConfig({ DATABASE_URL: 'postgres://p/x', DATABASE_REPLICA_URLS: 'postgres://r1/x, postgres://r2/x' }).replicas;
    expect(settings?.urls).toEqual(['postgres://r1/x', 'postgres://r2/x']);
    expect(settings?.maxLagMs).toBe(5_000);
  });
});

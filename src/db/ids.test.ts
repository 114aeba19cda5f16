import { describe, expect, it, vi } from 'vitest';
import { newId } from './ids.js';

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('makes version 7 UUIDs that carry the time they were made', () => {
    const before = Date.now();
    const id = newId();
    expect(id).toMatch(uuidV7);
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 1);
  });

  it('only ever increases within one process, also within one millisecond and past the counter', () => {
    // The clock stands still (and even goes back) while 10,000 ids are made: more than the counter holds.
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(now);
    const ids = Array.from({ length: 10_000 }, (_, i) => {
      if (i === 5000) clock.mockReturnValue(now - 1000);
      return newId();
    });
    clock.mockRestore();
    for (const id of ids) expect(id).toMatch(uuidV7);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const later = newId();
    expect(later > (ids.at(-1) as string)).toBe(true);
  });
});

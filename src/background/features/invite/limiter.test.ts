import { describe, expect, it } from 'vitest';
import { recentSends, waitForSlots } from './limiter.ts';

describe('the invitation limiter', () => {
  it('sends at once while the window has room', () => {
    expect(waitForSlots([], 20, 1000)).toBe(0);
    expect(waitForSlots(Array(130).fill(1000), 20, 1000)).toBe(0);
  });

  it('waits until enough of the oldest sends leave the window', () => {
    const sentAt = [...Array(100).fill(1000), ...Array(50).fill(3000)];
    expect(waitForSlots(sentAt, 20, 4000)).toBe(1000 + 5250 - 4000);
    expect(waitForSlots(sentAt, 120, 4000)).toBe(3000 + 5250 - 4000);
  });

  it('forgets sends older than the window', () => {
    expect(recentSends([0, 1000, 9000], 9000)).toEqual([9000]);
    expect(waitForSlots(Array(150).fill(0), 20, 6000)).toBe(0);
  });
});

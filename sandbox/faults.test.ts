import { describe, expect, it } from 'vitest';
import { Faults } from './faults.ts';

describe('the delays the sandbox models', () => {
  it("are Microsoft's magnitudes in the large profile: 90 s before ARM sees a new guest, minutes for a licence", () => {
    const faults = new Faults();
    faults.clear('large');
    expect(faults.principalReplicationMs).toBe(90_000);
    expect(faults.licensePropagationMs).toBeGreaterThanOrEqual(2 * 60_000);
  });

  it('pass faster at a time scale, and at the real pace again after a reset', () => {
    const faults = new Faults();
    faults.clear('large');
    faults.timeScale = 10;
    expect(faults.scaled(faults.principalReplicationMs)).toBe(9000);
    faults.clear('large');
    expect(faults.scaled(faults.principalReplicationMs)).toBe(90_000);
  });
});

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

describe('a delay counted out', () => {
  it('delays only as many requests as its times say, each a hit a test can wait for', () => {
    const faults = new Faults();
    faults.add({ host: 'management.azure.com', method: 'PUT', latencyMs: 3000, times: 1 });
    expect(faults.check('management.azure.com', 'PUT', '/x').latencyMs).toBe(3000);
    expect(faults.check('management.azure.com', 'PUT', '/x').latencyMs).toBe(0);
    expect(faults.hits).toEqual([{ host: 'management.azure.com', method: 'PUT', path: '/x', status: 0 }]);
  });
});

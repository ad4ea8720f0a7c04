import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Store } from '../store.ts';
import { LARGE_PROFILE } from './large.ts';

// Apart from the control API's tests: making the large tenant in this process holds up a sandbox served from it.
const CONTOSO = LARGE_PROFILE.tenantId;
/** Making the large tenant takes about a second, several on a busy machine. */
const LARGE_TIMEOUT = 60_000;

describe('the store with the large profile', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'sbx-profile-')), 'state.json');
  let store: Store;
  beforeAll(() => {
    store = new Store(file);
    store.reset('large');
  }, LARGE_TIMEOUT);

  it('comes back as the large tenant after a restart', () => {
    const again = new Store(file);
    expect(again.state.profile).toBe('large');
    expect(again.tenant(CONTOSO)?.users).toHaveLength(LARGE_PROFILE.counts.users);
  });

  it('waits longer between writes when a write is costly, so a burst of changes does not write 13 MB every 100 ms', () => {
    const written = statSync(file).mtimeMs;
    vi.useFakeTimers();
    try {
      store.state.tenants[0]?.users.pop();
      store.save();
      vi.advanceTimersByTime(150);
      expect(statSync(file).mtimeMs).toBe(written);
      vi.runAllTimers();
      expect(JSON.parse(readFileSync(file, 'utf8')).tenants[0].users).toHaveLength(LARGE_PROFILE.counts.users - 1);
    } finally {
      vi.useRealTimers();
    }
  });
});

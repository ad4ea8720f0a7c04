import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { Store } from '../store.ts';
import { LARGE_PROFILE } from './large.ts';

const sandbox = sandboxPerFile();
const client = () => control(sandbox().controlPort, sandbox().controlToken);
// Read in process: the large state is 13 MB of JSON, too much to fetch for a count.
const contosoUsers = () => sandbox().store.tenant(CONTOSO)?.users.length;
/** Making the large tenant takes about a second, several on a busy machine. */
const LARGE_TIMEOUT = 60_000;

describe('choosing a profile through the control API', () => {
  it('refuses a profile it does not know', async () => {
    await expect(client().profile('huge' as 'large')).rejects.toThrow(/400.*small, large/);
  });

  it(
    'starts the sandbox again as the large tenant, and a reset keeps it large until the small one is asked for',
    async () => {
      await client().profile('large');
      expect(contosoUsers()).toBe(LARGE_PROFILE.counts.users);
      await client().reset();
      expect(contosoUsers()).toBe(LARGE_PROFILE.counts.users);
      await client().profile('small');
      expect(contosoUsers()).toBe(6);
    },
    LARGE_TIMEOUT,
  );
});

describe('the store with the large profile', () => {
  it(
    'comes back as the large tenant after a restart',
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'sbx-profile-')), 'state.json');
      new Store(file).reset('large');
      const again = new Store(file);
      expect(again.state.profile).toBe('large');
      again.reset();
      expect(again.state.tenants.find((t) => t.id === CONTOSO)?.users).toHaveLength(LARGE_PROFILE.counts.users);
    },
    LARGE_TIMEOUT,
  );

  it(
    'waits longer between writes when a write is costly, so a burst of changes does not write 13 MB every 100 ms',
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'sbx-profile-')), 'state.json');
      const store = new Store(file);
      store.reset('large');
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
    },
    LARGE_TIMEOUT,
  );
});

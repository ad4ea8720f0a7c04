import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { CONTOSO, sandboxPerFile } from '../../test/support/node-sandbox.ts';
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
      expect(contosoUsers()).toBe(12);
    },
    LARGE_TIMEOUT,
  );
});

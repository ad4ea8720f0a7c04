import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { control } from '../e2e/control.ts';

export const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';

/** A token from the sandbox's control API, for Node-side tests that call its APIs without a browser. */
export async function mintToken(controlPort: number, user: string, scopes: string[], tenant = CONTOSO): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${controlPort}/tokens`, {
    method: 'POST',
    body: JSON.stringify({ tenant, user, scopes }),
  });
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** One sandbox for a test file, back to its seed before every test. */
export function sandboxPerFile(): () => RunningSandbox {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ stateDir: mkdtempSync(join(tmpdir(), 'sbx-')), reset: true });
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => control((sandbox as RunningSandbox).controlPort).reset());
  return () => sandbox as RunningSandbox;
}

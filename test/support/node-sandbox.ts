import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import { control } from '../e2e/control.ts';

export const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';

type ControlAccess = Pick<RunningSandbox, 'controlPort' | 'controlToken'>;

/** A token from the sandbox's control API, for Node-side tests that call its APIs without a browser. */
export function mintToken(sandbox: ControlAccess, user: string, scopes: string[], tenant = CONTOSO): Promise<string> {
  return control(sandbox.controlPort, sandbox.controlToken).mintToken(tenant, user, scopes);
}

/** One sandbox for a test file, back to its seed before every test. */
export function sandboxPerFile(): () => RunningSandbox {
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ stateDir: mkdtempSync(join(tmpdir(), 'sbx-')), reset: true });
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    const { controlPort, controlToken } = sandbox as RunningSandbox;
    return control(controlPort, controlToken).reset();
  });
  return () => sandbox as RunningSandbox;
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ProfileName } from '../../sandbox/profile/profiles.ts';
import { type RunningSandbox, startSandbox } from '../../sandbox/server.ts';
import type { Exchange } from '../../sandbox/traffic.ts';
import { control } from './control.ts';
import { launchBrowser, type TestBrowser } from './harness.ts';

export const RESULTS_DIR = resolve(import.meta.dirname, '..', '..', 'test-results');
/** Every API exchange of the e2e run, checked afterwards by test/contract. */
export const TRAFFIC_FILE = join(RESULTS_DIR, 'traffic.jsonl');

/** How many exchanges the traffic record holds now: a mark to read the later ones from. */
export const trafficMark = () => readFileSync(TRAFFIC_FILE, 'utf8').split('\n').filter(Boolean).length;

/** The exchanges the sandbox recorded since `mark` (this file's sandbox: the files run one at a time). */
export const trafficSince = (mark: number): Exchange[] =>
  readFileSync(TRAFFIC_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(mark)
    .map((l) => JSON.parse(l) as Exchange);

export const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
export const INVITE_HERE_APP = '6b1f9f0e-2c4d-4f6a-8e1b-3a5c7d9e0f21';
export const SALES_APP = '5e7c1a3b-8d2f-4c6e-9a1b-2c3d4e5f6a7b';
export const PASSWORD = 'Sandbox-Pass-1';

/**
 * A fresh sandbox cloud (seeded state in a temporary folder) that records its traffic for the contract test;
 * `profile: 'large'` starts it as a tenant of real size (sandbox/profile/large.ts, `LARGE_PROFILE`).
 * CORS is refused on every API host (sandbox/cors.ts), and control resets keep it so: the whole Chromium suite and
 * the Firefox test pass without it, as they must against Microsoft (issue 23).
 */
export async function freshSandbox(
  options: { recordTraffic?: boolean; profile?: ProfileName } = {},
): Promise<RunningSandbox & { control: ReturnType<typeof control>; dispose(): Promise<void> }> {
  const stateDir = mkdtempSync(join(tmpdir(), 'invite-here-sandbox-'));
  const trafficFile = options.recordTraffic === false ? undefined : TRAFFIC_FILE;
  const sandbox = await startSandbox({ stateDir, reset: true, trafficFile, profile: options.profile, corsRefusal: 'every-api' });
  return {
    ...sandbox,
    control: control(sandbox.controlPort, sandbox.controlToken),
    dispose: async () => {
      await sandbox.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export type TestSandbox = Awaited<ReturnType<typeof freshSandbox>>;

/** A fresh sandbox and a Chromium with the extension for one test file; both gone after it. */
export function sandboxAndBrowser(options: Parameters<typeof freshSandbox>[0] = {}): {
  sandbox: TestSandbox;
  browser: TestBrowser;
} {
  const env = {} as { sandbox: TestSandbox; browser: TestBrowser };
  beforeAll(async () => {
    env.sandbox = await freshSandbox(options);
    env.browser = await launchBrowser(env.sandbox);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.sandbox?.dispose();
  });
  return env;
}

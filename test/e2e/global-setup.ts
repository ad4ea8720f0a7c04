import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, POLICY_FILE } from './harness.ts';
import { TRAFFIC_FILE } from './sandbox.ts';

/** The suite tests the production build; the contract test later reads the traffic this run records. */
export default function setup(): void {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  mkdirSync(join(TRAFFIC_FILE, '..'), { recursive: true });
  rmSync(TRAFFIC_FILE, { force: true });
  // A policy a stopped run left behind would steer every browser after it.
  rmSync(POLICY_FILE, { force: true });
}

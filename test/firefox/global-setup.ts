import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIREFOX, FIREFOX_BUILD } from './harness.ts';

/** The Firefox suite tests the Firefox build in the installed Firefox ESR; say plainly when either is missing. */
export default function setup(): void {
  if (!existsSync(join(FIREFOX_BUILD, 'manifest.json'))) throw new Error('Build the Firefox add-on first: npm run build:firefox');
  if (!existsSync(FIREFOX)) throw new Error(`No Firefox at ${FIREFOX}: install firefox-esr (or set FIREFOX_PATH).`);
}

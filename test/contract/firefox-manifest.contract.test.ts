import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The Firefox build (npm run build:firefox); Mozilla's linter judges its archive in package.contract.test.ts. */
const DIST_FIREFOX = resolve(import.meta.dirname, '..', '..', 'dist-firefox');

describe('the Firefox build', () => {
  it('is an event page with a fixed add-on id, and asks for nothing only Chrome has', () => {
    const manifest = JSON.parse(readFileSync(join(DIST_FIREFOX, 'manifest.json'), 'utf8'));
    expect(manifest.background.scripts).toHaveLength(1);
    expect(manifest.background.service_worker).toBeUndefined();
    expect(manifest.browser_specific_settings.gecko.id).toMatch(/@/);
    expect(manifest.permissions).not.toContain('offscreen');
    expect(manifest).not.toHaveProperty('key');
    expect(manifest).not.toHaveProperty('minimum_chrome_version');
  });
});

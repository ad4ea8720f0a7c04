import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import linter from 'addons-linter';
import { describe, expect, it } from 'vitest';

/** The Firefox build (npm run build:firefox), as Mozilla's own linter judges an upload to addons.mozilla.org. */
const DIST_FIREFOX = resolve(import.meta.dirname, '..', '..', 'dist-firefox');

describe('the Firefox build', () => {
  it('passes addons-linter with no errors', async () => {
    if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) throw new Error('No Firefox build: run npm run build:firefox first.');
    const result = await linter
      .createInstance({
        config: {
          _: [DIST_FIREFOX],
          logLevel: 'fatal',
          stack: false,
          pretty: false,
          warningsAsErrors: false,
          metadata: false,
          output: 'none',
          boring: true,
          selfHosted: false,
        },
        runAsBinary: false,
      })
      .run();
    // The messages themselves, so a failure says what to fix.
    expect(result.errors.map((e) => `${e.code} ${e.file ?? ''}: ${e.message}`)).toEqual([]);
  });

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

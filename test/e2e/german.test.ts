import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLocale } from '../../scripts/locales.ts';
import { launchBrowser, type TestBrowser } from './harness.ts';
import { freshSandbox, RESULTS_DIR, type TestSandbox } from './sandbox.ts';
import { tabsOnOneLine, tourViews, wordsIn } from './views.ts';

let sandbox: TestSandbox;
let browser: TestBrowser;
beforeAll(async () => {
  sandbox = await freshSandbox();
  browser = await launchBrowser(sandbox, { args: ['--lang=de'] });
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.dispose();
});

const english = readLocale('en');
const german = readLocale('de');
const pieces = (message: string) =>
  message
    .split(/\$[1-9]/)
    .map((p) => p.trim())
    .filter((p) => p.includes(' ') && p.length >= 8);
const germanText = Object.values(german)
  .map((m) => m.message)
  .join('\n');
/** English a German view must not show: each English message's pieces of two words or more that German does not share. */
const englishOnly = [...new Set(Object.values(english).flatMap((m) => pieces(m.message)))].filter((p) => !germanText.includes(p));
const englishText = Object.values(english)
  .map((m) => m.message)
  .join('\n');
/** German only a German view shows: pieces of German messages that no English message has (not "Power BI Pro"). */
const germanPieces = [...new Set(Object.values(german).flatMap((m) => pieces(m.message)))].filter(
  (p) => !englishText.includes(p),
);

describe('the browser in German', () => {
  it('shows every view in German: no English sentence of the extension left, German ones in each', async () => {
    mkdirSync(join(RESULTS_DIR, 'views'), { recursive: true });
    expect(await (await browser.worker()).evaluate(() => chrome.i18n.getMessage('localeTag'))).toBe('de');
    const leftovers: string[] = [];
    const silent: string[] = [];
    const seen: string[] = [];
    const notGerman: string[] = [];
    const wrapped: string[] = [];
    await tourViews(browser, wordsIn('de'), async (view, page) => {
      seen.push(view);
      if ((await page.evaluate(() => document.documentElement.lang)) !== 'de') notGerman.push(view);
      if (!(await tabsOnOneLine(page))) wrapped.push(view);
      // biome-ignore lint/performance/useDomNodeTextContent: the words a person sees, not hidden ones
      const text = await page.evaluate(() => document.body.innerText);
      await page.screenshot({ path: join(RESULTS_DIR, 'views', `${view}-de.png`), fullPage: true });
      leftovers.push(...englishOnly.filter((p) => text.includes(p)).map((p) => `${view}: ${p}`));
      if (!germanPieces.some((p) => text.includes(p))) silent.push(view);
    });
    expect(seen.length).toBe(18);
    expect(leftovers).toEqual([]);
    expect(silent).toEqual([]);
    // The page says its language, so a screen reader reads it with a German voice.
    expect(notGerman).toEqual([]);
    expect(wrapped).toEqual([]);
  });
});

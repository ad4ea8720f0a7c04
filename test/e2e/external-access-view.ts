import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPopupOn, type TestBrowser } from './harness.ts';

/** "External access here" (issue 27) as a person reaches it: the tests of each page kind share these. */

/** The Guests tab on a page, its external access read (the feature's scopes allowed when asked). */
export async function externalAccessOn(browser: TestBrowser, url: string): Promise<Page> {
  const popup = await openPopupOn(browser, url);
  await popup.getByRole('tab', { name: 'Guests' }).click();
  const view = popup.getByTestId('external-access');
  const rows = view.getByTestId('external-row');
  const allow = view.getByTestId('consent-line').getByRole('button', { name: 'Allow' });
  await expect.poll(async () => (await rows.count()) > 0 || (await allow.isVisible()), { timeout: 30_000 }).toBe(true);
  if (await allow.isVisible()) await allow.click();
  await rows.first().waitFor({ timeout: 30_000 });
  return popup;
}

/** Each row's words, its white space folded. */
export const rowTexts = async (popup: Page) =>
  (await popup.getByTestId('external-row').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
/** A filter, by its words in the filters' group. */
export const filter = (popup: Page, words: string) => popup.getByRole('group', { name: 'Show only' }).getByLabel(words);

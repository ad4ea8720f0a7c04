import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPopupOn, type TestBrowser } from './harness.ts';

/** The storage account of the seed whose guests hold roles directly, through a group and from the subscription. */
export const SUB = '/subscriptions/11111111-2222-4333-8444-555555555555';
export const STORAGE = `${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
export const STORAGE_PAGE = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${STORAGE}/overview`;

/** The seed's people from outside at the storage account, and the group through which some reach it. */
export const ExternalPeople = {
  INES: '8d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a',
  TOMAS: '9e3f4a5b-6c7d-4e8f-a09b-1c2d3e4f5a6b',
  YUKI: 'af4a5b6c-7d8e-4f9a-b1ac-2d3e4f5a6b7c',
  RELECLOUD: 'c05b6c7d-8e9f-4a0b-82cd-3e4f5a6b7c8d',
} as const;

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

/** A row of the view: a person, on a path its words name. */
export const rowOf = (popup: Page, name: string, how: string) =>
  popup.getByTestId('external-row').filter({ hasText: name }).filter({ hasText: how });

/** Each row's words, its white space folded. */
export const rowTexts = async (popup: Page) =>
  (await popup.getByTestId('external-row').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
/** A filter, by its words in the filters' group. */
export const filter = (popup: Page, words: string) => popup.getByRole('group', { name: 'Show only' }).getByLabel(words);

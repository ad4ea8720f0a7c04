import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPopupOn, signInAsGuest, signInThroughPopup, type TestBrowser } from './harness.ts';
import { freshSandbox, PASSWORD, RESULTS_DIR, type TestSandbox } from './sandbox.ts';
import { PAGES, wordsIn } from './views.ts';

/**
 * Issue 25, acceptance 7: the Azure result card, a guest's My access and the Power Platform role list read as names
 * in English, German and French; the exact Azure id only in its disclosure. Photographed into test-results/views/.
 */
const STORAGE =
  '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01';
const SHOTS = join(RESULTS_DIR, 'views');
const POPUP_SIZE = { width: 400, height: 600 };

let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await freshSandbox();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await sandbox?.dispose();
});

/** GUIDs and ARM paths a person reads on the page: closed disclosures are not read, so they do not count. */
const idsShown = (page: Page) =>
  page.evaluate(
    () =>
      // biome-ignore lint/performance/useDomNodeTextContent: the words a person sees, not those folded away
      document.body.innerText.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\/subscriptions\//gi) ?? [],
  );

async function inBrowser(language: string, run: (browser: TestBrowser) => Promise<void>) {
  const browser = await launchBrowser(sandbox, { args: [`--lang=${language}`] });
  try {
    await run(browser);
  } finally {
    await browser.close();
  }
}

async function sized(page: Page) {
  await page.setViewportSize(POPUP_SIZE);
  return page;
}

describe.each(['en', 'de', 'fr'])('names, not ids, in %s', (language) => {
  const say = wordsIn(language);

  it('on the Azure result card and in the Power Platform role list', async () => {
    await inBrowser(language, async (browser) => {
      const first = await browser.openPopup();
      await signInThroughPopup(browser, first, 'megan@contoso.example', PASSWORD, say('Sign in'));
      await first.close();

      const azure = await sized(await openPopupOn(browser, PAGES.azure));
      await azure.locator('input[name=role]').first().check();
      await azure.locator('#email').fill(`names-${language}@partner.example`);
      await azure.locator('form button[type=submit]').click();
      const card = azure.getByTestId('azure-assignment');
      await card.waitFor({ timeout: 60_000 });
      const words = await card.getByTestId('assignment-words').textContent();
      expect(words).toContain('stdata01');
      expect(words).toContain('rg-data');
      expect(words).toContain('Contoso Prod');
      expect(await idsShown(azure)).toEqual([]);
      await azure.screenshot({ path: join(SHOTS, `names-azure-result-${language}.png`), fullPage: true });
      // The exact id is one click away.
      await card.getByTestId('scope-id').locator('summary').click();
      expect(await card.getByTestId('scope-id').locator('code').textContent()).toBe(STORAGE);
      await azure.close();

      const pp = await sized(await openPopupOn(browser, PAGES.powerPlatform));
      // The Azure invitation's result card stays until the person asks for the form again.
      await pp.getByRole('button', { name: say('Invite someone else') }).click();
      const roles = pp.getByTestId('pp-roles');
      await roles.waitFor({ timeout: 15_000 });
      // Each role's name on one line at 400 px: wrapped between words if at all, never letter by letter.
      const lines = await roles.locator('label').evaluateAll((labels) =>
        labels.map((label) => {
          // The name is the label's first words; a range over them has one box per line it is laid out on.
          const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT, {
            acceptNode: (n) => (n.textContent?.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
          });
          const name = walker.nextNode();
          const range = document.createRange();
          if (name) range.selectNodeContents(name);
          return [name?.textContent?.trim(), range.getClientRects().length] as const;
        }),
      );
      expect(lines.length).toBeGreaterThan(3);
      for (const [name, count] of lines) expect(count, String(name)).toBe(1);
      expect(await idsShown(pp)).toEqual([]);
      await pp.screenshot({ path: join(SHOTS, `names-power-platform-roles-${language}.png`), fullPage: true });
      // The invitation sends the guest where a guest can go: the environment's Dataverse, not the admin center.
      expect(await pp.locator('#redirectUrl').inputValue()).toBe('https://contoso-sales.crm.dynamics.com/');
      await pp.close();
    });
  });

  it("in a guest's My access", async () => {
    await inBrowser(language, async (browser) => {
      const popup = await sized(await browser.openPopup());
      await signInAsGuest(browser, popup, 'pat@partner.example', say('Sign in'));
      const roles = popup.locator('[data-testid="eligible-role"]');
      await roles.first().waitFor({ timeout: 15_000 });
      const scope = await roles.first().getByTestId('role-scope').textContent();
      expect(scope).toContain('rg-');
      expect(await idsShown(popup)).toEqual([]);
      await popup.screenshot({ path: join(SHOTS, `names-my-access-guest-${language}.png`), fullPage: true });
    });
  });
});

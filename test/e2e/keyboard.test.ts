import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPopupOn, signInThroughPopup } from './harness.ts';
import { CONTOSO, PASSWORD, sandboxAndBrowser } from './sandbox.ts';
import { PAGES } from './views.ts';

const env = sandboxAndBrowser();

/** Presses Tab until the focused element matches, as a keyboard user does; fails if it is never reached. */
async function tabTo(page: Page, what: string, matches: () => boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(matches)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('keyboard only', () => {
  it('invites from an Azure resource with an eligible role, by Tab, Space, typing and Enter alone', async () => {
    const popup = await openPopupOn(env.browser, PAGES.azure);
    await popup.locator('input[name=role]').first().waitFor();
    await tabTo(popup, 'the e-mail field', () => document.activeElement?.id === 'email');
    await popup.keyboard.type('kai@partner.example');
    await tabTo(popup, 'the first role', () => (document.activeElement as HTMLInputElement | null)?.name === 'role');
    await popup.keyboard.press('Space');
    const chosen = await popup.evaluate(() => (document.activeElement as HTMLInputElement).checked);
    expect(chosen).toBe(true);
    // The focus ring shows where the keyboard is: Fluent's 2 px stroke, not the browser's default.
    expect(await popup.evaluate(() => getComputedStyle(document.activeElement as Element).outlineWidth)).toBe('2px');
    await tabTo(popup, 'the Invite button', () => (document.activeElement as HTMLButtonElement | null)?.type === 'submit');
    // What the live region says, change by change, as a screen reader hears it.
    await popup.evaluate(() => {
      const region = document.querySelector('[data-testid=announce]') as HTMLElement;
      const heard: string[] = [];
      (window as { heard?: string[] }).heard = heard;
      new MutationObserver(() => heard.push(region.textContent ?? '')).observe(region, {
        childList: true,
        subtree: true,
        characterData: true,
      });
    });
    await popup.keyboard.press('Enter');
    const assignment = popup.getByTestId('azure-assignment');
    await expect.poll(() => assignment.textContent(), { timeout: 45_000 }).toMatch(/eligible \(PIM\) from/);
    const heard = await popup.evaluate(() => (window as { heard?: string[] }).heard ?? []);
    expect(heard.some((h) => h.startsWith('Inviting kai@partner.example'))).toBe(true);
    expect(heard.at(-1)).toContain('kai@partner.example');
    expect(heard.at(-1)).not.toContain('Inviting');
    const contoso = (await env.sandbox.control.state()).tenants.find((t) => t.id === CONTOSO);
    const kai = contoso?.users.find((u) => u.mail === 'kai@partner.example');
    expect(contoso?.azure?.eligibilitySchedules.filter((e) => e.principalId === kai?.id)).toHaveLength(1);
    // And back to the form for the next one, still by keyboard.
    await tabTo(popup, '"Invite someone else"', () => document.activeElement?.textContent?.trim() === 'Invite someone else');
    await popup.keyboard.press('Enter');
    await popup.locator('#email').waitFor();
    await popup.close();
  });

  it('moves between the tabs with the arrow keys, Home and End, each opening its view', async () => {
    const popup = await env.browser.openPopup();
    await popup.locator('#email').or(popup.locator('[role=tab]').first()).first().waitFor();
    const selected = () => popup.evaluate(() => document.activeElement?.getAttribute('data-tab'));
    await tabTo(popup, 'the tab list', () => document.activeElement?.getAttribute('role') === 'tab');
    expect(await selected()).toBe('one');
    await popup.keyboard.press('ArrowRight');
    expect(await selected()).toBe('bulk');
    await popup.locator('#bulk-file').or(popup.getByTestId('bulk-preview')).first().waitFor();
    await popup.keyboard.press('End');
    expect(await selected()).toBe('access');
    await popup.getByTestId('my-identity').waitFor();
    await popup.keyboard.press('Home');
    expect(await selected()).toBe('one');
    await popup.close();
  });
});

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { RESULTS_DIR, sandboxAndBrowser } from './sandbox.ts';
import { tabsOnOneLine, tourViews, wordsIn } from './views.ts';

const env = sandboxAndBrowser();
const SHOTS = join(RESULTS_DIR, 'views');
const THEMES = ['light', 'dark'] as const;

interface Finding {
  view: string;
  theme: string;
  rule: string;
  impact: string;
  targets: string[];
}

/** axe's WCAG 2.1 A and AA rules and 2.2's target size (24 px); only serious and critical findings count against a view. */
async function axeFindings(page: Page, view: string, theme: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  // axe really looked: contrast and names were checked on this page, not skipped.
  expect(
    result.passes.map((p) => p.id),
    view,
  ).toEqual(expect.arrayContaining(['color-contrast', 'button-name']));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ view, theme, rule: v.id, impact: v.impact ?? '', targets: v.nodes.map((n) => n.target.join(' ')) }));
}

describe('every view, in light and dark', () => {
  it('has no serious or critical axe finding, never scrolls sideways, and is photographed in both themes', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const findings: Finding[] = [];
    const sideways: string[] = [];
    const seen: string[] = [];
    const small: string[] = [];
    await tourViews(env.browser, wordsIn('en'), async (view, page) => {
      seen.push(view);
      // Body text at Fluent's base size (fontSizeBase300, 14 px), not Chrome's 75 % for extension pages.
      const size = await page.evaluate(() => getComputedStyle(document.body).fontSize);
      if (size !== '14px') small.push(`${view}: ${size}`);
      if (!(await tabsOnOneLine(page))) small.push(`${view}: tabs on two lines`);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
        // The theme really changed: Fluent's neutral background 1 is white in light, #292929 in dark.
        expect(background, `${view} ${theme}`).toBe(theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(41, 41, 41)');
        findings.push(...(await axeFindings(page, view, theme)));
        const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        if (wide && !view.startsWith('options')) sideways.push(`${view} ${theme}`);
        await page.screenshot({ path: join(SHOTS, `${view}-${theme}.png`), fullPage: true });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    });
    expect(seen).toEqual([
      'sign-in',
      'invite-form',
      'invite-result',
      'bulk-preview',
      'activity',
      'guests-start',
      'guests-lifecycle-policies',
      'guests',
      'guest-card',
      'my-access',
      'invite-powerbi',
      'external-powerbi',
      'reviews-group',
      'invite-azure',
      'reviews-azure',
      'invite-power-platform',
      'options',
      'options-check',
    ]);
    expect(small).toEqual([]);
    expect(findings).toEqual([]);
    expect(sideways).toEqual([]);
    // Sixteen views, each checked and photographed twice: more than one test's usual two minutes on a busy machine.
  }, 240_000);
});

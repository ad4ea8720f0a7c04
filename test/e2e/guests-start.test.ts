import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { inviteFormIn, signInThroughPopup } from './harness.ts';
import { PASSWORD, RESULTS_DIR, sandboxAndBrowser } from './sandbox.ts';

/**
 * Issue 25: the Guests tab starts useful. Before any search it lists the invitations this admin just made and the
 * tenant's guests who have not accepted yet (the seed's Pat Ortiz), each a click away from their card.
 */
const env = sandboxAndBrowser();
const ZOE = 'zoe@partner.example';

beforeAll(async () => {
  const popup = await env.browser.openPopup();
  await signInThroughPopup(env.browser, popup, 'megan@contoso.example', PASSWORD);
  await popup.close();
});

describe('Admins: the Guests tab before a search', () => {
  it('shows a just-made invitation and a pending guest, each opening their card', async () => {
    const popup = await env.browser.openPopup();
    await inviteFormIn(popup);
    await popup.getByLabel('E-mail address').fill(ZOE);
    await popup.getByRole('button', { name: 'Invite' }).click();
    await popup.getByTestId('guest-state').waitFor({ timeout: 30_000 });

    await popup.getByRole('tab', { name: 'Guests' }).click();
    expect(await popup.getByLabel('Find a guest').inputValue()).toBe('');
    const recent = popup.getByTestId('guests-recent').locator('li').first();
    await expect.poll(() => recent.textContent(), { timeout: 15_000 }).toContain(ZOE);
    expect(await recent.textContent()).toContain('Invited');
    const pending = popup.getByTestId('guests-pending');
    const pat = pending.locator('li', { hasText: 'Pat Ortiz' });
    await expect.poll(() => pat.textContent(), { timeout: 15_000 }).toMatch(/pat@partner\.example · pending for \d+ days?/);
    // The guest just invited is pending too: newest first, above Pat, who was invited in October.
    expect(await pending.locator('li').first().textContent()).toContain(ZOE);
    expect(await popup.getByTestId('guests-pending-shown').count()).toBe(0);
    await popup.screenshot({ path: join(RESULTS_DIR, 'guests-start.png'), fullPage: true });

    await pat.getByRole('button', { name: 'Pat Ortiz' }).click();
    const card = popup.getByTestId('guest-card');
    await expect.poll(() => card.getByRole('heading', { level: 2 }).first().textContent(), { timeout: 15_000 }).toBe('Pat Ortiz');
    expect(await popup.getByTestId('guests-start').count()).toBe(0);

    await popup.getByRole('button', { name: 'Back to recent invitations and pending guests' }).click();
    await recent.getByRole('button').click();
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(ZOE);

    // Typing replaces the lists with the search, as before.
    await popup.getByRole('button', { name: 'Back to recent invitations and pending guests' }).click();
    await popup.getByLabel('Find a guest').fill('pat');
    await popup
      .getByTestId('guest-hits')
      .getByRole('button', { name: /Pat Ortiz/ })
      .waitFor();
    expect(await popup.getByTestId('guests-start').count()).toBe(0);
    await popup.close();
  });

  it('rides out Graph throttling the pending-guest read (429 with Retry-After) and still lists them', async () => {
    const popup = await env.browser.openPopup();
    await inviteFormIn(popup);
    await env.sandbox.control.addFault({
      host: 'graph.microsoft.com',
      method: 'GET',
      path: '^/v1.0/users$',
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await popup.getByRole('tab', { name: 'Guests' }).click();
    const pat = popup.getByTestId('guests-pending').locator('li', { hasText: 'Pat Ortiz' });
    await expect.poll(() => pat.count(), { timeout: 20_000 }).toBe(1);
    const hits = await env.sandbox.control.faultHits();
    expect(hits.some((h) => h.status === 429 && h.path === '/v1.0/users')).toBe(true);
    expect(await popup.getByRole('alert').count()).toBe(0);
    await popup.close();
  });
});

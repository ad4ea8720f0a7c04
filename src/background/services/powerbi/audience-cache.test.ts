import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionStorage } from '../../../../test/support/fake-extension.ts';
import { SANDBOX_SETTINGS } from '../../../common/config.ts';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import type { SignedInAccount } from '../../../common/model.ts';

vi.mock('../../../common/browser.ts', () => import('../../../../test/support/fake-extension.ts'));
/** Admin reads sent, per app; `spentFor` makes each read answer 429 with that Retry-After (ms). */
const sent: string[] = [];
let spentFor: number | undefined;
let adminView = true;
vi.mock('./workspaces.ts', () => ({
  getAppAudience: async (_s: unknown, appId: string) => {
    sent.push(appId);
    if (!adminView) return null;
    if (spentFor !== undefined) {
      throw new AppError(ErrorCodes.throttled, '', { cause: { status: 429, retryAfterMs: spentFor } });
    }
    return [{ id: `group-of-${appId}`, displayName: `Viewers of ${appId}` }];
  },
}));
const { appAudiences, forgetAppAudiences } = await import('./audience-cache.ts');

const MEGAN: SignedInAccount = { id: 'megan', username: 'megan@contoso.example', name: 'Megan', tenantId: 'contoso' };
const ADELE: SignedInAccount = { ...MEGAN, id: 'adele', username: 'adele@contoso.example' };
const APPS = ['sales', 'finance'];
const MINUTE = 60_000;
const T0 = Date.parse('2026-12-07T16:00:00Z');
const open = (at: number, options: { again?: boolean; account?: SignedInAccount } = {}) =>
  appAudiences(SANDBOX_SETTINGS, options.account ?? MEGAN, APPS, { now: at, again: options.again ?? false });

beforeEach(() => {
  sent.length = 0;
  spentFor = undefined;
  adminView = true;
  sessionStorage.clear();
});

describe("apps' audiences from Power BI's admin view", () => {
  it('are read once per app in an hour, however often the card opens', async () => {
    for (let i = 0; i < 10; i++) {
      const read = await open(T0 + i * 5 * MINUTE);
      expect(read.byApp.get('sales')).toEqual([{ id: 'group-of-sales', displayName: 'Viewers of sales' }]);
      expect(read.readAt).toBe(T0);
    }
    expect(sent).toEqual(APPS);
  });

  it('are read again once an hour has passed', async () => {
    await open(T0);
    const later = await open(T0 + 61 * MINUTE);
    expect(sent).toEqual([...APPS, ...APPS]);
    expect(later.readAt).toBe(T0 + 61 * MINUTE);
  });

  it('are read again when asked, but not what was read minutes ago', async () => {
    await open(T0);
    await open(T0 + 2 * MINUTE, { again: true });
    expect(sent).toEqual(APPS);
    await open(T0 + 6 * MINUTE, { again: true });
    expect(sent).toEqual([...APPS, ...APPS]);
  });

  it('once the budget is spent: say when it comes back, keep showing what was read, and ask nothing until then', async () => {
    await open(T0);
    spentFor = 40 * MINUTE;
    const now = T0 + 61 * MINUTE;
    const spent = await open(now);
    expect(spent.backAt).toBe(now + 40 * MINUTE);
    expect(spent.byApp.get('sales')).toEqual([{ id: 'group-of-sales', displayName: 'Viewers of sales' }]);
    expect(spent.readAt).toBe(T0);
    const asked = sent.length;
    const again = await open(now + 10 * MINUTE, { again: true });
    expect(sent).toHaveLength(asked);
    expect(again.backAt).toBe(now + 40 * MINUTE);
    spentFor = undefined;
    const back = await open(now + 41 * MINUTE);
    expect(back.backAt).toBeNull();
    expect(sent).toHaveLength(asked + APPS.length);
  });

  it("are one person's: another account reads its own", async () => {
    await open(T0);
    await open(T0 + MINUTE, { account: ADELE });
    expect(sent).toEqual([...APPS, ...APPS]);
  });

  it('have no age to tell a person without the admin view, and are not asked for again within the hour', async () => {
    adminView = false;
    const read = await open(T0);
    expect(read.byApp.get('sales')).toBeNull();
    expect(read.readAt).toBeNull();
    await open(T0 + 30 * MINUTE);
    expect(sent).toEqual(APPS);
  });

  it('are forgotten at sign-out', async () => {
    await open(T0);
    await forgetAppAudiences();
    await open(T0 + MINUTE);
    expect(sent).toEqual([...APPS, ...APPS]);
  });
});

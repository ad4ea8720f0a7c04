import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LARGE_PROFILE } from '../sandbox/profile/large.ts';
import type { ProfileName } from '../sandbox/profile/profiles.ts';
import { startSandbox } from '../sandbox/server.ts';
import { launchBrowser, openPopupOn, signInAsGuest, signInThroughPopup, signOutInPopup } from '../test/e2e/harness.ts';
import { PASSWORD } from '../test/e2e/sandbox.ts';

/**
 * The views that grow with a tenant (issue 22), on the seed and on the large profile: what each costs in requests
 * per service and how long until it shows. Rows are [measure, value].
 */
const RG = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg-data';
const PORTAL = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${RG}/overview`;
/** Whom each profile measures: a guest with many groups and roles, and what a search types. */
const SUBJECT = {
  small: { guest: 'pat@partner.example', name: 'Pat', search: 'meg', eligibilities: 0 },
  large: {
    guest: LARGE_PROFILE.bigGuest.mail,
    name: LARGE_PROFILE.bigGuest.displayName,
    search: 'lee',
    eligibilities: LARGE_PROFILE.bigGuest.eligibilities,
  },
} as const;

interface Sent {
  viaBatch?: boolean;
  host: string;
}

export async function scaleRows(profile: ProfileName & keyof typeof SUBJECT): Promise<[string, string][]> {
  const who = SUBJECT[profile];
  const stateDir = mkdtempSync(join(tmpdir(), 'invite-here-bench-scale-'));
  const trafficFile = join(stateDir, 'traffic.jsonl');
  const sandbox = await startSandbox({ stateDir, reset: true, trafficFile, profile });
  const browser = await launchBrowser(sandbox);
  const lines = () => readFileSync(trafficFile, 'utf8').split('\n').filter(Boolean);
  /** Requests per service since `mark` (a $batch is one). */
  const since = (mark: number) => {
    const sent = lines()
      .slice(mark)
      .map((l) => JSON.parse(l) as Sent)
      .filter((e) => !e.viaBatch);
    const on = (host: string) => sent.filter((e) => e.host === host).length;
    return `Graph ${on('graph.microsoft.com')}, ARM ${on('management.azure.com')}, Power BI ${on('api.powerbi.com')}`;
  };
  const rows: [string, string][] = [];
  const row = (k: string, v: string) => rows.push([`  ${profile}: ${k}`, v]);
  try {
    const popup = await browser.openPopup();
    await signInThroughPopup(browser, popup, 'megan@contoso.example', PASSWORD);
    await popup.getByRole('tab', { name: 'Guests' }).click();

    // A directory search: from the last keystroke to the results shown (the pause before asking included).
    const field = popup.getByLabel('Find a guest');
    let started = Date.now();
    await field.fill(who.search);
    await popup.getByTestId('guest-hits').locator('li').first().waitFor({ timeout: 60_000 });
    row(`directory search "${who.search}", last keystroke to results`, `${Date.now() - started} ms`);

    // The guest's card: from choosing them to every group shown.
    await field.fill(who.guest);
    const hit = popup.getByTestId('guest-hits').getByRole('button', { name: new RegExp(`^${who.name}`) });
    await hit.waitFor({ timeout: 60_000 });
    let mark = lines().length;
    started = Date.now();
    await hit.click();
    await popup.getByTestId('card-groups').waitFor({ timeout: 120_000 });
    const groups = await popup.getByTestId('card-groups').locator('li').count();
    row(`guest card (${groups} groups), choosing to shown`, `${Date.now() - started} ms; ${since(mark)}`);
    await popup.close();

    // The role list at a scope: from the popup's opening on the portal page to the roles offered.
    mark = lines().length;
    started = Date.now();
    const portal = await openPopupOn(browser, PORTAL);
    await portal.getByRole('region', { name: 'Azure role' }).getByRole('radio').first().waitFor({ timeout: 60_000 });
    row('role list at a resource group, popup open to roles offered', `${Date.now() - started} ms; ${since(mark)}`);

    // My access of the guest: every eligibility listed.
    await signOutInPopup(portal);
    await signInAsGuest(browser, portal, who.guest);
    const eligible = portal.locator('[data-testid="eligible-role"]');
    const listed = async (since: number) => {
      if (!who.eligibilities) return portal.getByRole('heading').first().waitFor();
      for (;;) {
        if ((await eligible.count()) >= who.eligibilities) return;
        if (Date.now() - since > 120_000) throw new Error('My access did not list every eligibility');
        await portal.waitForTimeout(100);
      }
    };
    // The load the sign-in started ends first, so its traffic is not counted with the one measured.
    await listed(Date.now());
    mark = lines().length;
    started = Date.now();
    await portal.reload();
    await listed(started);
    row(`My access (${await eligible.count()} eligibilities), open to listed`, `${Date.now() - started} ms; ${since(mark)}`);
    await portal.close();
    return rows;
  } finally {
    await browser.close();
    await sandbox.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

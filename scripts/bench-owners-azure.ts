import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startSandbox } from '../sandbox/server.ts';
import type { SandboxAzure } from '../sandbox/store.ts';
import { launchBrowser, openPopupOn, signInThroughPopup } from '../test/e2e/harness.ts';
import { CONTOSO, PASSWORD } from '../test/e2e/sandbox.ts';

/**
 * "External access here" on the large profile's busiest Azure resource (issue 27, "Measure it"): the resource whose
 * view has the most grants to read (held at it or above it, as ARM's `atScope()` lists them), the requests the view
 * costs per service, and how long from choosing the Guests tab until its first row shows and until it is complete.
 * Rows are [measure, value].
 */

interface Sent {
  viaBatch?: boolean;
  host: string;
}

/** The resource with the most grants that apply at it: its own, its resource group's and its subscription's. */
export function busiestResource(azure: SandboxAzure): { scope: string; grants: number } {
  const held = [...azure.roleAssignments, ...azure.eligibilitySchedules].map((a) => a.scope.toLowerCase());
  const counts = new Map<string, number>();
  for (const s of held) counts.set(s, (counts.get(s) ?? 0) + 1);
  const resources = azure.subscriptions.flatMap((s) =>
    s.resourceGroups.flatMap((rg) =>
      rg.resources.map((r) => `/subscriptions/${s.subscriptionId}/resourceGroups/${rg.name}/providers/${r.type}/${r.name}`),
    ),
  );
  const applying = (scope: string) => {
    const parts = scope.toLowerCase().split('/providers/')[0]?.split('/resourceGroups/'.toLowerCase()) ?? [];
    const above = [parts[0] ?? '', `${parts[0]}/resourcegroups/${parts[1]}`];
    return [scope.toLowerCase(), ...above].reduce((n, s) => n + (counts.get(s) ?? 0), 0);
  };
  return resources
    .map((scope) => ({ scope, grants: applying(scope) }))
    .reduce((a, b) => (b.grants > a.grants ? b : a), { scope: '', grants: -1 });
}

/** The Guests tab chosen, its external access read: ms to the first row shown and to the view complete. */
async function timeView(popup: Page): Promise<{ firstMs: number; completeMs: number; rows: number }> {
  const view = popup.getByTestId('external-access');
  const started = Date.now();
  await popup.getByRole('tab', { name: 'Guests' }).click();
  await view.getByTestId('external-row').first().waitFor({ timeout: 180_000 });
  const firstMs = Date.now() - started;
  // Complete: nothing left being read (the busy line gone) with the rows shown.
  await view.locator('[aria-busy="true"]').waitFor({ state: 'detached', timeout: 180_000 });
  return { firstMs, completeMs: Date.now() - started, rows: await view.getByTestId('external-row').count() };
}

export async function ownersAzureRows(): Promise<[string, string][]> {
  const stateDir = mkdtempSync(join(tmpdir(), 'invite-here-bench-owners-'));
  const trafficFile = join(stateDir, 'traffic.jsonl');
  const sandbox = await startSandbox({ stateDir, reset: true, trafficFile, profile: 'large' });
  const browser = await launchBrowser(sandbox);
  const lines = () => readFileSync(trafficFile, 'utf8').split('\n').filter(Boolean);
  const azure = sandbox.store.state.tenants.find((t) => t.id === CONTOSO)?.azure;
  if (!azure) throw new Error('the large profile has no Azure');
  const { scope, grants } = busiestResource(azure);
  const page = `https://portal.azure.com/#@contoso.onmicrosoft.com/resource${scope}/overview`;
  try {
    const first = await browser.openPopup();
    await signInThroughPopup(browser, first, 'megan@contoso.example', PASSWORD);
    await first.close();
    // Once to consent to the feature's scopes; then measured on a popup opened again, as an owner comes back.
    const warm = await openPopupOn(browser, page);
    await warm.getByRole('tab', { name: 'Guests' }).click();
    const view = warm.getByTestId('external-access');
    const allow = view.getByTestId('consent-line').getByRole('button', { name: 'Allow' });
    await Promise.race([
      allow.waitFor({ timeout: 60_000 }),
      view.getByTestId('external-row').first().waitFor({ timeout: 180_000 }),
    ]);
    if (await allow.isVisible()) await allow.click();
    await view.getByTestId('external-row').first().waitFor({ timeout: 180_000 });
    await warm.close();

    const popup = await openPopupOn(browser, page);
    const mark = lines().length;
    const { firstMs, completeMs, rows } = await timeView(popup);
    const sent = lines()
      .slice(mark)
      .map((l) => JSON.parse(l) as Sent)
      .filter((e) => !e.viaBatch);
    const on = (host: string) => sent.filter((e) => e.host === host).length;
    await popup.close();
    const name = scope.split('/').pop();
    return [
      [`  large: external access at ${name} (${grants} grants apply there; ${rows} rows)`, ''],
      ['    requests', `Graph ${on('graph.microsoft.com')} ($batch counted once), ARM ${on('management.azure.com')}`],
      ['    Guests tab to first row shown / to complete', `${firstMs} ms / ${completeMs} ms`],
    ];
  } finally {
    await browser.close();
    await sandbox.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

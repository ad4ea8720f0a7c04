import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LARGE_PROFILE } from '../sandbox/profile/large.ts';
import { chosenProfile } from '../sandbox/profile/profiles.ts';
import { startSandbox } from '../sandbox/server.ts';
import { inviteFormIn, launchBrowser, signInThroughPopup } from '../test/e2e/harness.ts';
import { CONTOSO, PASSWORD, SALES_APP } from '../test/e2e/sandbox.ts';

/**
 * `npm start`: build, start the sandbox cloud, open Chromium with the extension signed in on a sandbox Power BI
 * app page. Without a display, run headless, walk the invite flow once and keep screenshots.
 * `npm start -- --profile large` (or `SANDBOX_PROFILE=large npm start`) opens a tenant of real size instead.
 */
const root = resolve(import.meta.dirname, '..');
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const profile = chosenProfile(parseArgs({ options: { profile: { type: 'string' } } }).values.profile);

execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
const sandbox = await startSandbox({ stateDir: join(root, '.sandbox'), port: 0, controlPort: 0, profile });
console.log(`Sandbox cloud on 127.0.0.1:${sandbox.port}, control API on http://127.0.0.1:${sandbox.controlPort}`);
if (profile === 'large') {
  const { counts, annLee, bigGuest } = LARGE_PROFILE;
  console.log(`Large profile: ${counts.users} users, ${counts.groups} groups, ${counts.workspaces} workspaces.`);
  console.log(`  Search for "lee" to find ${annLee.displayName}; ${bigGuest.mail} is the guest in ${bigGuest.groups} groups.`);
}
console.log(`Control API token (send as authorization: Bearer <token>): ${sandbox.controlToken}`);

const browser = await launchBrowser(sandbox, { headless });
const appUrl = `https://app.powerbi.com/groups/me/apps/${SALES_APP}/reports/0f4e3d2c-1b0a-4987-8654-3210fedcba98/ReportSection?ctid=${CONTOSO}`;
const appPage = await browser.context.newPage();
await appPage.goto(appUrl);

const popup = await browser.openPopup();
const signedIn = await popup
  .getByTestId('account-username')
  .waitFor({ timeout: 3000 })
  .then(
    () => true,
    () => false,
  );
if (!signedIn) {
  await signInThroughPopup(browser, popup, 'megan@contoso.example', PASSWORD);
}
console.log(`Signed in as megan@contoso.example on tenant Contoso (${CONTOSO}).`);

if (headless) {
  const dir = join(root, 'screenshots', new Date().toISOString().replace(/[:.]/g, '-'));
  mkdirSync(dir, { recursive: true });
  await appPage.bringToFront();
  await appPage.screenshot({ path: join(dir, '1-power-bi-app-page.png') });
  await popup.screenshot({ path: join(dir, '2-popup-signed-in.png') });
  const email = `guest-${Date.now()}@partner.example`;
  await inviteFormIn(popup);
  await popup.getByLabel('E-mail address').fill(email);
  await popup.getByRole('button', { name: 'Invite' }).click();
  await popup.getByLabel('Redeem link').waitFor();
  await popup.screenshot({ path: join(dir, '3-popup-invited.png') });
  console.log(`Invited ${email}. Screenshots are in ${dir}`);
  await browser.close();
  await sandbox.close();
} else {
  console.log('Chromium is open with the extension; the popup is in a tab beside the app page. Ctrl+C to stop.');
  process.on(
    'SIGINT',
    () =>
      void browser
        .close()
        .then(() => sandbox.close())
        .then(() => process.exit(0)),
  );
}

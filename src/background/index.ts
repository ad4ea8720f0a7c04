import { browser, type Runtime } from '../common/browser.ts';
import { AppError, ErrorCodes } from '../common/errors.ts';
import { dispatch, isEnvelope } from '../common/messaging.ts';
import { driveWork, WORK_ALARM } from './engine/driver.ts';
// The engine's step and operation kinds, installed before any listener can wake the engine.
import './features/registry.ts';
import { classifySender } from './core/sender.ts';
import { migrateStored } from './core/stored-migration.ts';
import { forgetTab, syncTab } from './features/page/tabs.ts';
import { handlers, offscreenHandlers } from './handlers.ts';
import { backgroundChecks, fits, offscreenChecks } from './request-checks.ts';

// Settings, remembered groups and the bulk job steer this worker: content scripts (which run beside pages) may
// neither read nor write them. chrome.storage.local and sync are open to them unless closed, from Chrome 140;
// session storage is closed to them by default and stays so. The level is kept by the browser across restarts.
// Firefox has no access levels: content scripts there keep their access to local storage.
if (!import.meta.env.FIREFOX) {
  void chrome.storage.local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
  void chrome.storage.sync.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
}

/** Records an earlier version wrote are brought to this version's shape before any message or turn reads them. */
const stored = migrateStored().catch(() => undefined);

/** Listeners are registered synchronously at top level, so a message that wakes the worker is not missed. */
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message, 'background')) return undefined;
  const from = classifySender(sender, browser.runtime.id, browser.runtime.getURL(''));
  if (from.kind === 'offscreen') {
    const fitting = fits(offscreenChecks, message.name, message.payload);
    return stored.then(() =>
      dispatch('background', message, offscreenHandlers, () =>
        fitting ? from : new AppError(ErrorCodes.badMessage, message.name.slice(0, 64)),
      ),
    );
  }
  const fitting = fits(backgroundChecks, message.name, message.payload);
  const allowed =
    (from.kind === 'content' && message.name === 'pageChanged') ||
    (from.kind === 'extension-page' && message.name !== 'pageChanged');
  return stored.then(() =>
    dispatch('background', message, handlers, () =>
      fitting && allowed ? from : new AppError(ErrorCodes.badMessage, `${message.name.slice(0, 64)} refused from ${from.kind}`),
    ),
  );
});

// First run: Options, with its three-step guide (issue 13). Updates and browser restarts do not open it again.
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === 'install') void browser.runtime.openOptionsPage();
});

browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
// A tab that navigates (a new URL, in-page or not, or an origin the extension does not match) is read again, so the
// popup never offers the app or scope of a page the tab has left. The content script's report (sender.url goes
// stale on in-page navigation) only nudges the same read.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.url !== undefined || change.status !== undefined) void syncTab(tabId, false);
});

// A bulk job and single invitations carry on wherever the worker was stopped: on every start of the worker, and on
// their alarms.
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === WORK_ALARM) void stored.then(driveWork);
});
// The bulk job's own alarm of earlier versions: the one driver now wakes on its own.
void browser.alarms.clear('bulk-invitations');
void stored.then(driveWork);

import { useEffect, useState } from 'preact/hooks';
import { browser } from '../../common/browser.ts';
import { ErrorNote } from '../../common/ErrorNote.tsx';
import { t } from '../../common/i18n.ts';
import type { PageInfo, SessionState } from '../../common/model.ts';
import { send } from '../../common/send.ts';
import { OneGuest } from '../invite/OneGuest.tsx';
import { OpenCard } from '../parts/open-card.ts';
import { AccountBar } from './AccountBar.tsx';
import { lazyView } from './lazy.tsx';
import { PageLine } from './PageLine.tsx';
import { usePageData } from './page-data.tsx';
import { QueuedByOthers } from './QueuedByOthers.tsx';
import { SignIn } from './SignIn.tsx';

// The other tabs load when first opened: the popup's first screen is the invite form (or sign-in).
const ActivityView = lazyView(() => import('../activity/ActivityView.tsx').then((m) => m.ActivityView));
const BulkSection = lazyView(() => import('../bulk/BulkSection.tsx').then((m) => m.BulkSection));
const GuestsView = lazyView(() => import('../guests/GuestsView.tsx').then((m) => m.GuestsView));
const MyAccessView = lazyView(() => import('../my-access/MyAccess.tsx').then((m) => m.MyAccessView));

/** The tab the person is looking at; none when this page runs in a tab of its own (then the last page reported). */
async function activeTabId(): Promise<number | undefined> {
  if (await browser.tabs.getCurrent()) return undefined;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

/** The tab list's keys (WAI-ARIA tabs pattern): arrows, Home and End move to a tab and open it; Tab leaves the list. */
function moveBetweenTabs(e: KeyboardEvent) {
  const tabs = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLButtonElement>('[role=tab]')];
  const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
  if (at < 0 || to === undefined) return;
  e.preventDefault();
  const next = tabs[(to + tabs.length) % tabs.length];
  next?.focus();
  next?.click();
}

export function App() {
  const [session, setSession] = useState<SessionState | null>(null);
  const [page, setPage] = useState<PageInfo>({ context: null, url: null, description: null });
  const [error, setError] = useState<unknown>(null);
  const [mode, setMode] = useState<'one' | 'bulk' | 'activity' | 'access' | 'guests' | null>(null);
  const [cardFor, setCardFor] = useState<string | undefined>();
  const openCard = (email: string) => {
    setCardFor(email);
    setMode('guests');
  };
  const signedIn = !!session?.account && !session.interactionRequired;
  // A guest came for their own access; everyone else for the invite form (My access is a tab for them too).
  const shown = mode ?? (session?.account?.guest ? 'access' : 'one');

  const { data, named, answered, notes } = usePageData(signedIn, page.context);

  // For `npm run bench`: when the page's context first shows after the popup opened (a performance mark).
  useEffect(() => {
    if (signedIn && page.url && performance.getEntriesByName('page-context-shown').length === 0) {
      performance.mark('page-context-shown');
    }
  }, [signedIn, page]);

  useEffect(() => {
    activeTabId()
      .then((tabId) => send('getPageInfo', tabId === undefined ? {} : { tabId }))
      .then(setPage)
      .catch(() => undefined);
    send('openSession', {}).then(setSession, setError);
    // A bulk job under way is what the person came back for.
    send('getBulkJob', {}).then(
      (job) => job && ['running', 'paused'].includes(job.status) && setMode('bulk'),
      () => undefined,
    );
  }, []);

  const tab = (name: typeof shown, label: string, open = () => setMode(name)) => (
    <button
      type="button"
      role="tab"
      data-tab={name}
      aria-selected={shown === name}
      tabIndex={shown === name ? 0 : -1}
      onClick={open}
    >
      {label}
    </button>
  );
  const accessTab = tab('access', t('shellTabAccess'));
  if (error && !session) {
    return (
      <main>
        <h1>{t('extName')}</h1>
        <ErrorNote error={error} />
        <button type="button" onClick={() => browser.runtime.openOptionsPage()}>
          {t('shellOpenOptions')}
        </button>
      </main>
    );
  }
  if (!session)
    return (
      <main aria-busy="true">
        <p class="muted">{t('shellLoading')}</p>
      </main>
    );
  return (
    <main>
      {session.account && !session.interactionRequired ? (
        <>
          <AccountBar session={session} onSignedOut={setSession} />
          <PageLine page={page} account={session.account} data={named} answered={answered} />
          <QueuedByOthers me={session.account.username} />
          <div class="tabs" role="tablist" onKeyDown={moveBetweenTabs}>
            {session.account.guest ? accessTab : null}
            {tab('one', t('shellTabOne'))}
            {tab('bulk', t('shellTabBulk'))}
            {tab('activity', t('shellTabActivity'))}
            {session.account.guest ? null : tab('guests', t('shellTabGuests'), () => openCard(''))}
            {session.account.guest ? null : accessTab}
          </div>
          <OpenCard.Provider value={openCard}>
            {shown === 'access' ? (
              <MyAccessView page={page} />
            ) : shown === 'guests' ? (
              <GuestsView key={cardFor} open={cardFor || undefined} onInvitation={() => setMode('one')} context={page.context} />
            ) : shown === 'activity' ? (
              <ActivityView />
            ) : shown === 'bulk' ? (
              <BulkSection page={page} data={data} />
            ) : (
              <>
                {notes}
                <OneGuest accountId={session.account.id} page={page} data={data} />
              </>
            )}
          </OpenCard.Provider>
        </>
      ) : (
        <SignIn session={session} onSignedIn={setSession} />
      )}
    </main>
  );
}

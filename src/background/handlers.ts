import { groupOfScope } from '../common/access-review-schema.ts';
import type { Settings } from '../common/config.ts';
import { AppError, ErrorCodes, hasCode } from '../common/errors.ts';
import type { SessionState, SignedInAccount } from '../common/model.ts';
import type { BackgroundProtocol, Handlers, OffscreenToBackgroundProtocol } from '../common/protocol.ts';
import { session } from '../common/storage.ts';
import { scheduleProblem } from '../logic/azure.ts';
import { describeEmailProblem, emailProblem } from '../logic/email.ts';
import { httpsUrl } from '../logic/inputs.ts';
import * as auth from './core/auth.ts';
import { changeFeature, ensureConsent, invitationFeatures } from './core/consent.ts';
import type { SenderKind } from './core/sender.ts';
import { saveSettings, settingsView, usableSettings } from './core/settings.ts';
import { activity, activityCsv, clearActivity } from './features/activity/activity-log.ts';
import { recentInvitations } from './features/activity/recent-invitations.ts';
import {
  bulkResults,
  bulkRows,
  bulkSummary,
  clearBulk,
  controlBulk,
  prepareBulk,
  retryFailedBulk,
} from './features/bulk/bulk.ts';
import { guestCard } from './features/guest-card/card.ts';
import { ownGuestChanges } from './features/guest-card/changes.ts';
import { deletedUser } from './features/guest-card/directory-changes.ts';
import { externalSettings } from './features/guest-card/external-settings.ts';
import { partnerGroupPreview } from './features/guest-card/partner-groups.ts';
import { guestLifecycle, lifecyclePolicies } from './features/guest-lifecycle/reads.ts';
import { shownOperation, waitingSteps } from './features/invite/operation-store.ts';
import { addLicense, dismissOperation } from './features/invite/operations.ts';
import { forgetAudiences, rememberAudience } from './features/invite/powerbi-access.ts';
import { precheck } from './features/invite/prechecks.ts';
import { claimsOf, ownActivations, retryWithClaims } from './features/my-access/activations.ts';
import { checkedActivation, myAccess } from './features/my-access/index.ts';
import { rolePolicy } from './features/my-access/roles.ts';
import { externalAccessAzure } from './features/owners/external-access-azure.ts';
import { externalAccessEnvironment } from './features/owners/external-access-environment.ts';
import { externalAccessPowerBi } from './features/owners/external-access-powerbi.ts';
import { applyGroupDecisions } from './features/owners/group-reviews.ts';
import { inactiveGuests } from './features/owners/inactive-guests.ts';
import { pageGroup } from './features/owners/page-group.ts';
import { applyReviewDecisions } from './features/owners/reviews.ts';
import { reviewsHere } from './features/owners/reviews-here.ts';
import { ownAccessReviews } from './features/owners/reviews-kind.ts';
import { reviewStart } from './features/owners/reviews-start.ts';
import { readPage } from './features/page/read.ts';
import { pageInfo, syncTab } from './features/page/tabs.ts';
import { discardQueued, endOwnWork, queuedView, runQueued } from './features/queued/queued.ts';
import { resumeAll, start } from './features/registry.ts';
import { consentView, giveConsent } from './features/setup/consent-state.ts';
import { checkSetup } from './features/setup/setup-check.ts';
import { graphSession } from './services/graph/client.ts';
import { searchGroups } from './services/graph/groups.ts';
import { searchDirectory } from './services/graph/guests.ts';
import { tenantIdentity } from './services/graph/organization.ts';
import { pendingGuests } from './services/graph/pending-guests.ts';
import { forgetAppAudiences } from './services/powerbi/audience-cache.ts';

async function sessionState(settings: Settings): Promise<SessionState> {
  const account = await auth.currentAccount(settings);
  if (!account) return { account: null, interactionRequired: false, cloud: settings.cloud };
  const ended = (e: unknown) => hasCode(e, ErrorCodes.interactionRequired);
  let org: Awaited<ReturnType<typeof tenantIdentity>> | undefined;
  try {
    await auth.graphToken(settings, false);
    // The token held may be one the service no longer takes, and its renewal may find the sign-in ended (after a
    // silent renewal failed too): then the person is asked to sign in again, rather than shown views that fail.
    org = await tenantIdentity(graphSession(settings).client).catch((e: unknown) => {
      if (ended(e)) throw e;
      return undefined;
    });
  } catch (e) {
    if (ended(e)) return { account, interactionRequired: true, cloud: settings.cloud };
    throw e;
  }
  return {
    account: { ...account, tenantName: org?.name, tenantDomains: org?.domains },
    interactionRequired: false,
    cloud: settings.cloud,
  };
}

/** The account signed in, for what is shown to it alone and what it queues. */
async function me(): Promise<SignedInAccount> {
  const account = await auth.currentAccount(await usableSettings());
  if (!account) throw new AppError(ErrorCodes.notSignedIn);
  return account;
}

/** Popup and options requests. Content scripts may only report their page. */
export const handlers: Handlers<BackgroundProtocol, SenderKind> = {
  openSession: async () => {
    const state = await sessionState(await usableSettings());
    if (state.account && !state.interactionRequired) await resumeAll(state.account);
    return state;
  },
  signIn: async () => {
    const settings = await usableSettings();
    await resumeAll(await auth.signIn(settings));
    return sessionState(settings);
  },
  signOut: async ({ clearData }) => {
    const settings = await usableSettings();
    const account = await auth.currentAccount(settings);
    // Ended before the sign-out, while the account is still known: nothing of it is left for the next one to send.
    const endedWork = clearData && account ? await endOwnWork(account) : undefined;
    if (clearData && account) {
      await Promise.all([clearBulk().catch(() => undefined), forgetAudiences(), clearActivity(account)]);
    }
    if (clearData) await session.inviteDraft.remove();
    // Always: what one person's admin view of Power BI showed is not kept for whoever signs in next.
    await forgetAppAudiences();
    await auth.signOut(settings);
    return { account: null, interactionRequired: false, cloud: settings.cloud, ...(endedWork ? { endedWork } : {}) };
  },
  getQueued: async () => queuedView(await me()),
  discardQueued: async ({ pool, id }) => discardQueued(await me(), pool, id),
  runQueued: async ({ pool, id }) => runQueued(await me(), pool, id),
  getPageInfo: ({ tabId }) => pageInfo(tabId),
  // The report is only a nudge: what the tab shows is read from the browser's own record of the tab.
  pageChanged: async (_, sender) => {
    if (sender.kind !== 'content') throw new AppError(ErrorCodes.badMessage, 'pageChanged comes from a content script');
    return syncTab(sender.tabId, true);
  },
  precheck: async ({ email }) => {
    const valid = email && !emailProblem(email) ? email : undefined;
    return precheck(graphSession(await usableSettings()), valid);
  },
  startInvitation: async (draft) => {
    const { invitation, azure } = draft;
    const problem = emailProblem(invitation.email);
    if (problem) throw new AppError(ErrorCodes.invalidEmail, describeEmailProblem(problem));
    if (!httpsUrl(invitation.redirectUrl)) throw new AppError(ErrorCodes.invalidRedirectUrl, invitation.redirectUrl);
    const late = azure ? scheduleProblem(azure.schedule, Date.now()) : null;
    if (late) throw new AppError(ErrorCodes.invalidSchedule, late);
    // Consent first, while the person is here: the steps may run later, from an alarm.
    await ensureConsent(await usableSettings(), invitationFeatures(draft));
    return start('operation', draft);
  },
  getOperation: async () => shownOperation(await me()),
  dismissOperation: async ({ id }) => {
    await dismissOperation(await me(), id);
    return {};
  },
  getActivity: async ({ show }) => {
    const account = await me();
    return { entries: await activity(account, show), waiting: await waitingSteps(account) };
  },
  getActivityCsv: async () => activityCsv(await me()),
  clearActivity: async () => {
    await clearActivity(await me());
    return {};
  },
  getPage: async ({ context, part }) => readPage(await usableSettings(), me, context, part),
  searchGroups: async ({ text }) => searchGroups(graphSession(await usableSettings()).client, text),
  rememberAudience: async ({ appId, group }) => {
    await rememberAudience(appId, group);
    return {};
  },
  assignLicense: async ({ operationId, skuId, usageLocation }) =>
    addLicense(await me(), operationId, usageLocation ? { skuId, usageLocation } : { skuId }),
  prepareBulk: async ({ fileName, text, ...place }) => {
    if (!httpsUrl(place.defaultRedirectUrl)) throw new AppError(ErrorCodes.invalidRedirectUrl, place.defaultRedirectUrl);
    return prepareBulk(fileName, text, place);
  },
  getBulkJob: () => bulkSummary(),
  controlBulk: async ({ action, roleSchedule, acknowledged, stopOwedGrants }) => {
    const problem = roleSchedule ? scheduleProblem(roleSchedule, Date.now()) : null;
    if (problem) throw new AppError(ErrorCodes.invalidSchedule, problem);
    return controlBulk(action, roleSchedule, { acknowledged, stopOwedGrants });
  },
  getBulkRows: ({ show, offset, limit }) => bulkRows(show, offset, limit),
  getBulkResults: () => bulkResults(),
  retryFailedBulk: () => retryFailedBulk(),
  clearBulk: () => clearBulk(),
  getMyAccess: async () => myAccess(await usableSettings()),
  getRolePolicy: async ({ scope, roleDefinitionId }) => rolePolicy(await usableSettings(), scope, roleDefinitionId),
  getActivations: async () => ownActivations(await me()),
  startActivation: async (draft) =>
    start('activation', { kind: 'activate', draft: await checkedActivation(await usableSettings(), draft) }),
  startDeactivation: (draft) => start('activation', { kind: 'deactivate', draft }),
  confirmActivationSignIn: async ({ id }) => {
    const settings = await usableSettings();
    const account = await me();
    await auth.signIn(settings, await claimsOf(account, id));
    await retryWithClaims(account, id);
    return ownActivations(await me());
  },
  searchDirectory: async ({ text, only }) => searchDirectory(graphSession(await usableSettings()).client, text, only),
  getRecentInvitations: async () => recentInvitations(await me()),
  getPendingGuests: async () => pendingGuests(graphSession(await usableSettings()).client),
  getExternalAccess: async ({ scope }) => {
    const settings = await usableSettings();
    return externalAccessAzure(settings, graphSession(settings).client, scope);
  },
  getExternalAccessPlace: async ({ context }) => {
    const settings = await usableSettings();
    const client = graphSession(settings).client;
    if (context.kind === 'power-platform-environment') return externalAccessEnvironment(settings, client, context);
    return externalAccessPowerBi(settings, await me(), client, context);
  },
  getInactiveGuests: async (days) => inactiveGuests(graphSession(await usableSettings()).client, days),
  getGuestCard: async ({ id, allWorkspaces, readAudiencesAgain }) =>
    guestCard(await usableSettings(), await me(), id, {
      allWorkspaces: allWorkspaces === true,
      readAudiencesAgain: readAudiencesAgain === true,
    }),
  getExternalSettings: async () => externalSettings(graphSession(await usableSettings()).client),
  previewPartnerGroup: async ({ domain }) =>
    partnerGroupPreview(graphSession(await usableSettings()).client, await ownGuestChanges(await me()), domain),
  getDeletedUser: async ({ id }) => deletedUser(graphSession(await usableSettings()).client, id),
  startGuestChange: async ({ guest, change }) => {
    await ensureConsent(await usableSettings(), [changeFeature(change)]);
    return start('guestChange', { guest, change });
  },
  getGuestChanges: async () => ownGuestChanges(await me()),
  getLifecyclePolicies: async () => lifecyclePolicies(graphSession(await usableSettings()).client),
  getGuestLifecycle: async ({ id }) => guestLifecycle(graphSession(await usableSettings()).client, id),
  getReviewsHere: async (asked) => {
    const settings = await usableSettings();
    const scope = 'scope' in asked ? asked.scope : `/groups/${await pageGroup(settings, await me(), asked.page)}`;
    return reviewsHere(settings, scope);
  },
  startAccessReview: async (draft) => start('accessReview', await reviewStart(await usableSettings(), await me(), draft)),
  getAccessReviews: async () => ownAccessReviews(await me()),
  applyReviewDecisions: async ({ scope, id, instanceId }) => {
    const settings = await usableSettings();
    // A group's review is Graph's (an app's audience, an environment's security group); an Azure scope's ARM's.
    const group = groupOfScope(scope);
    if (group) await applyGroupDecisions(graphSession(settings).client, id, instanceId);
    else await applyReviewDecisions(settings, scope, id, instanceId);
    return reviewsHere(settings, scope);
  },
  getSettings: () => settingsView(),
  saveSettings: (settings) => saveSettings(settings),
  checkSetup: async () => checkSetup(await usableSettings()),
  getConsent: async ({ features }) => consentView(await usableSettings(), features),
  // The popup's Allow is the person's gesture: the sign-in window may open for it.
  consent: async ({ features }) => giveConsent(await usableSettings(), features),
};

/** The offscreen document keeps MSAL's cookie jar here, in memory-only session storage. */
export const offscreenHandlers: Handlers<OffscreenToBackgroundProtocol, SenderKind> = {
  readCookieJar: async () => ({ jar: await session.msalCookie.get() }),
  writeCookieJar: async ({ jar }) => {
    await session.msalCookie.set(jar);
    return {};
  },
};

import type { JobRow, JobSummary } from '../logic/bulk/job.ts';
import type { AccessReviewRecord, ReviewsHere } from './access-review.ts';
import type { ActivityEntry, WaitingStep } from './activity-entry.ts';
import type { Settings, SettingsView } from './config.ts';
import type { ExternalAccess } from './external-access.ts';
import type {
  DeletedUser,
  DirectoryHit,
  ExternalSettings,
  GuestCard,
  GuestChangeRecord,
  PartnerGroupPreview,
} from './guest-card.ts';
import type { GuestLifecycle, PoliciesRead } from './guest-lifecycle.ts';
import type { PendingGuests, RecentInvitations } from './guests-start.ts';
import type { InactiveGuests } from './inactive-guests.ts';
import type { PageInfo, Precheck, SessionState, SignedInAccount } from './model.ts';
import type { Activation, MyAccess, RolePolicy } from './my-access.ts';
import type { Operation } from './operation.ts';
import type { PageData } from './page-data.ts';
import type { AudienceGroup } from './powerbi.ts';
import type { QueuedView } from './queued.ts';
import type { backgroundRequests, offscreenRequests } from './requests.ts';
import type { Infer } from './schema.ts';
import type { FeatureConsent, SetupReport } from './setup.ts';

/** A message's request, as its schema says (src/common/requests.ts): a message without a schema does not compile. */
type In<N extends keyof typeof backgroundRequests> = Infer<(typeof backgroundRequests)[N]>;
type InOffscreen<N extends keyof typeof offscreenRequests> = Infer<(typeof offscreenRequests)[N]>;

/** Messages the popup, options page and content script send to the background: name -> request -> response. */
export type BackgroundProtocol = {
  /** The popup opens: the session as it stands; the account's work under way carries on (it may have waited for a sign-in). */
  openSession: { request: In<'openSession'>; response: SessionState };
  signIn: { request: In<'signIn'>; response: SessionState };
  /**
   * `clearData`: also forget this browser's bulk job and results and the remembered audience groups, and end the
   * signing-out account's work not yet sent (`endedWork` says how much).
   */
  signOut: { request: In<'signOut'>; response: SessionState & { endedWork?: number } };
  /** Queued work (issue 21): the account's own count, and what other accounts queued and left unsent. */
  getQueued: { request: In<'getQueued'>; response: QueuedView };
  discardQueued: { request: In<'discardQueued'>; response: QueuedView };
  /** Another account's unsent work, run as the account signed in after its own confirmation. */
  runQueued: { request: In<'runQueued'>; response: QueuedView };
  getPageInfo: { request: In<'getPageInfo'>; response: PageInfo };
  /** From the content script: the page it runs in changed (load, hash change, tab shown); read from sender.url. */
  pageChanged: { request: In<'pageChanged'>; response: PageInfo };
  precheck: { request: In<'precheck'>; response: Precheck };
  /** A single invitation with its grants, run by the background; the popup watches it through getOperation. */
  startInvitation: { request: In<'startInvitation'>; response: Operation };
  getOperation: { request: In<'getOperation'>; response: Operation | null };
  dismissOperation: { request: In<'dismissOperation'>; response: Record<string, never> };
  getActivity: { request: In<'getActivity'>; response: { entries: ActivityEntry[]; waiting: WaitingStep[] } };
  getActivityCsv: { request: In<'getActivityCsv'>; response: { fileName: string; csv: string } };
  clearActivity: { request: In<'clearActivity'>; response: Record<string, never> };
  /**
   * What the services say about the page the tab is on (features/page): one answer per kind of page. `part`: `name`
   * is what names the page where that is a quicker read of its own (an Azure scope's names: the page line does not
   * wait for the roles), else nothing (`none`); `grants` is the rest, and the whole read for any other page.
   */
  getPage: { request: In<'getPage'>; response: PageData };
  searchGroups: { request: In<'searchGroups'>; response: AudienceGroup[] };
  rememberAudience: { request: In<'rememberAudience'>; response: Record<string, never> };
  /** One more step of a finished invitation's operation: the licence, with the usage location when it is asked for. */
  assignLicense: { request: In<'assignLicense'>; response: Operation };
  /** Bulk invitations: read the file and plan (the preview), then run it as a background job. */
  /** `scope`: the Azure resource the popup is on, where rows' roles are given. */
  prepareBulk: {
    /**
     * `environmentId`: the Power Platform environment the popup is on, where rows' security roles are given.
     * `audienceGroupId`: on a Power BI app's page, the audience group rows naming no group of their own join.
     */
    request: In<'prepareBulk'>;
    response: JobSummary;
  };
  getBulkJob: { request: In<'getBulkJob'>; response: JobSummary | null };
  controlBulk: {
    /**
     * `acknowledged`: on start, the id of the job whose preview the person said they read (what it grants); the job
     * starts only if it is still that one. `stopOwedGrants`: on cancel, also stop the group joins and roles owed to
     * guests already invited.
     */
    request: In<'controlBulk'>;
    response: JobSummary;
  };
  getBulkRows: {
    /** `custom`: rows whose invitation carries the file's own message or display name. */
    request: In<'getBulkRows'>;
    response: { rows: JobRow[]; total: number };
  };
  getBulkResults: { request: In<'getBulkResults'>; response: { fileName: string; csv: string } };
  /** A new job, in preview, of the ended job's failed rows only. */
  retryFailedBulk: { request: In<'retryFailedBulk'>; response: JobSummary };
  clearBulk: { request: In<'clearBulk'>; response: Record<string, never> };
  /** My access (issue 10): what the person signed in holds here, read as themselves. */
  getMyAccess: { request: In<'getMyAccess'>; response: MyAccess };
  getRolePolicy: { request: In<'getRolePolicy'>; response: RolePolicy };
  /** Activations and early ends of my own roles, run by the background; the popup watches storage. */
  getActivations: { request: In<'getActivations'>; response: Activation[] };
  startActivation: { request: In<'startActivation'>; response: Activation };
  startDeactivation: { request: In<'startDeactivation'>; response: Activation };
  /** Sign in again with the claims ARM asked for (a policy's MFA or authentication context), then send once more. */
  confirmActivationSignIn: { request: In<'confirmActivationSignIn'>; response: Activation[] };
  /** The guest card (issue 11): find a user, read their whole access here, change it. `scope`: the page's Azure resource. */
  searchDirectory: { request: In<'searchDirectory'>; response: DirectoryHit[] };
  /** The Guests tab before a search: the invitations this account made from this browser, newest first, to a cap. */
  getRecentInvitations: { request: In<'getRecentInvitations'>; response: RecentInvitations };
  /** The Guests tab before a search: the tenant's guests who have not accepted, newest first, to a cap, with their count. */
  getPendingGuests: { request: In<'getPendingGuests'>; response: PendingGuests };
  getExternalAccess: { request: In<'getExternalAccess'>; response: ExternalAccess };
  /** External access on a Power BI app or workspace, or a Power Platform environment (an Azure page: refused). */
  getExternalAccessPlace: { request: In<'getExternalAccessPlace'>; response: ExternalAccess };
  getInactiveGuests: { request: In<'getInactiveGuests'>; response: InactiveGuests };
  /**
   * `allWorkspaces`: read every Power BI workspace (one request each), not only the first ones: the person asked.
   * `readAudiencesAgain`: read the apps' audiences again where they are a few minutes old (the person asked).
   */
  getGuestCard: {
    request: In<'getGuestCard'>;
    response: GuestCard;
  };
  getExternalSettings: { request: In<'getExternalSettings'>; response: ExternalSettings };
  previewPartnerGroup: {
    request: In<'previewPartnerGroup'>;
    response: PartnerGroupPreview;
  };
  startGuestChange: { request: In<'startGuestChange'>; response: GuestChangeRecord };
  /** A user in Deleted users (restorable for 30 days), or null. */
  getDeletedUser: { request: In<'getDeletedUser'>; response: DeletedUser | null };
  getGuestChanges: { request: In<'getGuestChanges'>; response: GuestChangeRecord[] };
  /** The tenant's guest lifecycle policies, or why they cannot be read (the licence, the role or consent). */
  getLifecyclePolicies: { request: In<'getLifecyclePolicies'>; response: PoliciesRead };
  /** One guest under the policy that governs them, with what their standing is derived from. */
  getGuestLifecycle: { request: In<'getGuestLifecycle'>; response: GuestLifecycle };
  /**
   * Access reviews of an Azure scope, or of the group of a Power BI app or environment page (issue 27): the licence,
   * the guests there with their sponsors, its reviews.
   */
  getReviewsHere: { request: In<'getReviewsHere'>; response: ReviewsHere };
  /** A review of the scope's guests, created by the engine; never twice (looked for by its name and scope first). */
  startAccessReview: { request: In<'startAccessReview'>; response: AccessReviewRecord };
  getAccessReviews: { request: In<'getAccessReviews'>; response: AccessReviewRecord[] };
  /** ARM's or Graph's applyDecisions for a review's instance whose decisions are not applied automatically. */
  applyReviewDecisions: { request: In<'applyReviewDecisions'>; response: ReviewsHere };
  /** Options: the settings in use, which of them the organization's policy sets, and what is wrong with them. */
  getSettings: { request: In<'getSettings'>; response: SettingsView };
  saveSettings: { request: In<'saveSettings'>; response: SettingsView };
  /** Check my setup: signs in if needed, then what each resource granted this app registration. */
  checkSetup: { request: In<'checkSetup'>; response: SetupReport };
  /** Which features the account signed in has granted, from the tokens already held (no sign-in traffic). */
  getConsent: { request: In<'getConsent'>; response: FeatureConsent };
  /** The person pressed Allow: these features' scopes are asked for in the sign-in window, if not yet granted. */
  consent: { request: In<'consent'>; response: FeatureConsent };
};

/** Messages between the background and the offscreen document, which alone runs MSAL. */
export type OffscreenProtocol = {
  beginSignIn: {
    /**
     * `claims`: what a service's claims challenge asked the sign-in to meet (JSON). `sameAccount`: the account signed
     * in is asked (a feature's consent), not whoever the login offers.
     */
    request: {
      settings: Settings;
      scopes: string[];
      extraScopes: string[];
      askForAccount: boolean;
      claims?: string;
      sameAccount?: boolean;
    };
    response: { url: string };
  };
  /** The same for the account signed in, without a prompt (`prompt=none`): a renewal no one sees. */
  beginSilentSignIn: { request: { settings: Settings; scopes: string[] }; response: { url: string } };
  completeSignIn: { request: { settings: Settings; responseUrl: string }; response: { account: SignedInAccount } };
  abandonSignIn: { request: { settings: Settings }; response: Record<string, never> };
  getAccount: { request: { settings: Settings }; response: { account: SignedInAccount | null } };
  acquireToken: {
    /** `accountId`: a token for this account (object id) only; another account signed in is "not signed in". */
    request: { settings: Settings; scopes: string[]; forceRefresh: boolean; accountId?: string };
    response: { accessToken: string; expiresOn: number; scopes: string[] };
  };
  signOut: { request: { settings: Settings }; response: Record<string, never> };
};

/** Messages the offscreen document sends to the background. */
export type OffscreenToBackgroundProtocol = {
  readCookieJar: { request: InOffscreen<'readCookieJar'>; response: { jar: string } };
  writeCookieJar: { request: InOffscreen<'writeCookieJar'>; response: Record<string, never> };
};

export type Endpoint = 'background' | 'offscreen';

type AnyProtocol = Record<string, { request: unknown; response: unknown }>;
export type Request<P extends AnyProtocol, N extends keyof P> = P[N]['request'];
export type Response<P extends AnyProtocol, N extends keyof P> = P[N]['response'];

/** A handler for every message of a protocol: a missing one is a compile error. */
export type Handlers<P extends AnyProtocol, Ctx> = {
  [N in keyof P]: (request: P[N]['request'], ctx: Ctx) => Promise<P[N]['response']>;
};

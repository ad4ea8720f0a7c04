import type { PageData, PagePart } from '../common/page-data.ts';
import type { ActivityEntry, ActivityFilter, WaitingStep } from './activity.ts';
import type { AzureSchedule } from './azure.ts';
import type { JobRow, JobSummary, Outcome } from './bulk/job.ts';
import type { Feature, Settings, SettingsView } from './config.ts';
import type {
  DirectoryHit,
  ExternalSettings,
  GuestCard,
  GuestChange,
  GuestChangeRecord,
  PartnerGroupDraft,
} from './guest-card.ts';
import type { PageInfo, Precheck, SessionState, SignedInAccount } from './model.ts';
import type { Activation, ActivationDraft, DeactivationDraft, MyAccess, RolePolicy } from './my-access.ts';
import type { InviteStart, Operation } from './operation.ts';
import type { PageContext } from './page-context.ts';
import type { AudienceGroup } from './powerbi.ts';
import type { QueuedPool, QueuedView } from './queued.ts';
import type { FeatureConsent, SetupReport } from './setup.ts';

/** Messages the popup, options page and content script send to the background: name -> request -> response. */
export type BackgroundProtocol = {
  getSession: { request: Record<string, never>; response: SessionState };
  signIn: { request: Record<string, never>; response: SessionState };
  /**
   * `clearData`: also forget this browser's bulk job and results and the remembered audience groups, and end the
   * signing-out account's work not yet sent (`endedWork` says how much).
   */
  signOut: { request: { clearData?: boolean }; response: SessionState & { endedWork?: number } };
  /** Queued work (issue 21): the account's own count, and what other accounts queued and left unsent. */
  getQueued: { request: Record<string, never>; response: QueuedView };
  discardQueued: { request: { pool: QueuedPool; id: string }; response: QueuedView };
  /** Another account's unsent work, run as the account signed in after its own confirmation. */
  runQueued: { request: { pool: QueuedPool; id: string }; response: QueuedView };
  getPageInfo: { request: { tabId?: number }; response: PageInfo };
  /** From the content script: the page it runs in changed (load, hash change, tab shown); read from sender.url. */
  pageChanged: { request: Record<string, never>; response: PageInfo };
  precheck: { request: { email?: string }; response: Precheck };
  /** A single invitation with its grants, run by the background; the popup watches it through getOperation. */
  startInvitation: { request: InviteStart; response: Operation };
  getOperation: { request: Record<string, never>; response: Operation | null };
  dismissOperation: { request: { id: string }; response: Record<string, never> };
  getActivity: { request: { show: ActivityFilter }; response: { entries: ActivityEntry[]; waiting: WaitingStep[] } };
  getActivityCsv: { request: Record<string, never>; response: { fileName: string; csv: string } };
  clearActivity: { request: Record<string, never>; response: Record<string, never> };
  /**
   * What the services say about the page the tab is on (features/page): one answer per kind of page. `part`: `name`
   * is what names the page where that is a quicker read of its own (an Azure scope's names: the page line does not
   * wait for the roles), else nothing (`none`); `grants` is the rest, and the whole read for any other page.
   */
  getPage: { request: { context: PageContext | null; part: PagePart }; response: PageData };
  searchGroups: { request: { text: string }; response: AudienceGroup[] };
  rememberAudience: { request: { appId: string; group: AudienceGroup }; response: Record<string, never> };
  /** One more step of a finished invitation's operation: the licence, with the usage location when it is asked for. */
  assignLicense: { request: { operationId: string; skuId: string; usageLocation?: string }; response: Operation };
  /** Bulk invitations: read the file and plan (the preview), then run it as a background job. */
  /** `scope`: the Azure resource the popup is on, where rows' roles are given. */
  prepareBulk: {
    /** `environmentId`: the Power Platform environment the popup is on, where rows' security roles are given. */
    request: { fileName: string; text: string; defaultRedirectUrl: string; scope?: string; environmentId?: string };
    response: JobSummary;
  };
  getBulkJob: { request: Record<string, never>; response: JobSummary | null };
  controlBulk: {
    /**
     * `acknowledged`: on start, the id of the job whose preview the person said they read (what it grants); the job
     * starts only if it is still that one. `stopOwedGrants`: on cancel, also stop the group joins and roles owed to
     * guests already invited.
     */
    request: {
      action: 'start' | 'pause' | 'resume' | 'cancel';
      roleSchedule?: AzureSchedule;
      acknowledged?: string;
      stopOwedGrants?: boolean;
    };
    response: JobSummary;
  };
  getBulkRows: {
    /** `custom`: rows whose invitation carries the file's own message or display name. */
    request: { show: 'all' | 'problems' | 'custom' | Outcome; offset: number; limit: number };
    response: { rows: JobRow[]; total: number };
  };
  getBulkResults: { request: Record<string, never>; response: { fileName: string; csv: string } };
  clearBulk: { request: Record<string, never>; response: Record<string, never> };
  /** My access (issue 10): what the person signed in holds here, read as themselves. */
  getMyAccess: { request: Record<string, never>; response: MyAccess };
  getRolePolicy: { request: { scope: string; roleDefinitionId: string }; response: RolePolicy };
  /** Activations and early ends of my own roles, run by the background; the popup watches storage. */
  getActivations: { request: Record<string, never>; response: Activation[] };
  startActivation: { request: ActivationDraft; response: Activation };
  startDeactivation: { request: DeactivationDraft; response: Activation };
  /** Sign in again with the claims ARM asked for (a policy's MFA or authentication context), then send once more. */
  confirmActivationSignIn: { request: { id: string }; response: Activation[] };
  /** The guest card (issue 11): find a user, read their whole access here, change it. `scope`: the page's Azure resource. */
  searchDirectory: { request: { text: string; only?: 'Member' | 'Guest' }; response: DirectoryHit[] };
  /**
   * `allWorkspaces`: read every Power BI workspace (one request each), not only the first ones: the person asked.
   * `readAudiencesAgain`: read the apps' audiences again where they are a few minutes old (the person asked).
   */
  getGuestCard: {
    request: { id: string; scope?: string; allWorkspaces?: boolean; readAudiencesAgain?: boolean };
    response: GuestCard;
  };
  getExternalSettings: { request: Record<string, never>; response: ExternalSettings };
  previewPartnerGroup: {
    request: { domain: string };
    response: { draft: PartnerGroupDraft; admitted: { id: string; displayName: string; mail: string | null }[] };
  };
  startGuestChange: { request: { guest: GuestChangeRecord['guest']; change: GuestChange }; response: GuestChangeRecord };
  getGuestChanges: { request: Record<string, never>; response: GuestChangeRecord[] };
  /** Options: the settings in use, which of them the organization's policy sets, and what is wrong with them. */
  getSettings: { request: Record<string, never>; response: SettingsView };
  saveSettings: { request: Settings; response: SettingsView };
  /** Check my setup: signs in if needed, then what each resource granted this app registration. */
  checkSetup: { request: Record<string, never>; response: SetupReport };
  /** Which features the account signed in has granted, from the tokens already held (no sign-in traffic). */
  getConsent: { request: { features: Feature[] }; response: FeatureConsent };
  /** The person pressed Allow: these features' scopes are asked for in the sign-in window, if not yet granted. */
  consent: { request: { features: Feature[] }; response: FeatureConsent };
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
  readCookieJar: { request: Record<string, never>; response: { jar: string } };
  writeCookieJar: { request: { jar: string }; response: Record<string, never> };
};

export type Endpoint = 'background' | 'offscreen';

type AnyProtocol = Record<string, { request: unknown; response: unknown }>;
export type Request<P extends AnyProtocol, N extends keyof P> = P[N]['request'];
export type Response<P extends AnyProtocol, N extends keyof P> = P[N]['response'];

/** A handler for every message of a protocol: a missing one is a compile error. */
export type Handlers<P extends AnyProtocol, Ctx> = {
  [N in keyof P]: (request: P[N]['request'], ctx: Ctx) => Promise<P[N]['response']>;
};

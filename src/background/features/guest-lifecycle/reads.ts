import type { Client } from '@microsoft/microsoft-graph-client';
import type { SignInRead } from '../../../common/external-access.ts';
import type { Governance, GuestLifecycle, GuestPolicy, PoliciesRead } from '../../../common/guest-lifecycle.ts';
import { t } from '../../../common/i18n.ts';
import { BATCH_LIMIT, type BatchAnswer, itemError, sendBatch } from '../../services/graph/batch.ts';
import { itemAppError } from '../../services/graph/errors.ts';
import { graphList } from '../../services/graph/list.ts';
import { path } from '../../services/url-path.ts';

/**
 * Reads of guest lifecycle policies (issue 27), Graph v1.0 as Learn describes it (test/contract/graph/
 * lifecycle-policies.learn.json): the tenant's policies, and one guest's `lifecycle` with the policy governing them.
 */

export const POLICIES = '/identityGovernance/lifecycleWorkflows/lifecyclePolicies';
/** A guest's lifecycle with the policy that governs them and its rules (nested $expand; Learn: supports $expand). */
const LIFECYCLE = '?$expand=effectiveGoverningPolicy($expand=rules)';
/** Identity governance's refusal in a tenant without Microsoft Entra ID Governance (sandbox/graph/lifecycle-policies.ts). */
const NO_LICENSE = 'NoLicense';
/** Graph's code for a tenant without Entra ID P1, for sign-in activity (external-people.ts says the same). */
const NOT_PREMIUM = 'Authentication_RequestFromNonPremiumTenantOrB2CTenant';
const NS = '#microsoft.graph.identityGovernance.';

interface RawRule {
  '@odata.type'?: string;
  isEnabled?: boolean | null;
  attestationIntervalInDays?: number | null;
  minimumSponsorCount?: number | null;
  lastActivityThresholdInDays?: number | null;
  invitationRedemptionThresholdInDays?: number | null;
}

interface RawPolicy {
  '@odata.type'?: string;
  id: string;
  displayName?: string | null;
  isEnabled?: boolean | null;
  gracePeriodInDays?: number | null;
  enforcementAction?: { '@odata.type'?: string; deletionGracePeriodInDays?: number | null } | null;
  rules?: RawRule[];
}

const codeOf = (body: unknown) => (body as { error?: { code?: string } } | undefined)?.error?.code;

/** A policy as the extension says it: each enabled rule's threshold. */
export function guestPolicy(p: RawPolicy): GuestPolicy {
  const rule = <K extends keyof RawRule>(type: string, key: K) => {
    const r = (p.rules ?? []).find((x) => x['@odata.type'] === `${NS}${type}` && x.isEnabled !== false);
    const v = r?.[key];
    return typeof v === 'number' ? v : null;
  };
  const action = p.enforcementAction;
  return {
    id: p.id,
    displayName: p.displayName ?? p.id,
    isEnabled: p.isEnabled !== false,
    gracePeriodInDays: p.gracePeriodInDays ?? 0,
    deleteAfterDays:
      action?.['@odata.type'] === `${NS}disableThenDeleteEnforcementAction` ? (action.deletionGracePeriodInDays ?? 0) : null,
    attestationDays: rule('periodicAttestationRule', 'attestationIntervalInDays'),
    minimumSponsors: rule('sponsorPresenceRule', 'minimumSponsorCount'),
    inactiveDays: rule('inactivityRule', 'lastActivityThresholdInDays'),
    redemptionDays: rule('invitationRedemptionRule', 'invitationRedemptionThresholdInDays'),
  };
}

/** A refusal in words: the licence, or the caller's role or consent (Graph's own message). */
function refused(status: number, body: unknown): { kind: 'unlicensed' } | { kind: 'notPermitted'; message: string } | null {
  if (status !== 403 && status !== 401) return null;
  if (codeOf(body) === NO_LICENSE) return { kind: 'unlicensed' };
  return { kind: 'notPermitted', message: itemError({ status, body }) };
}

/** The tenant's guest lifecycle policies (agent identity policies left out), to the end of the list. */
export async function lifecyclePolicies(client: Client): Promise<PoliciesRead> {
  try {
    const { items } = await graphList<RawPolicy>(client, client.api(`${POLICIES}?$expand=rules`).get());
    const guests = items.filter((p) => p['@odata.type'] === `${NS}guestLifecyclePolicy`);
    return { kind: 'read', policies: guests.map(guestPolicy) };
  } catch (e) {
    // The client maps Graph's refusal to a code (forbidden); its own code, kept as the cause, tells the licence apart.
    const cause = (e as { cause?: { statusCode?: number; code?: string | null; message?: string } }).cause;
    const no = refused(cause?.statusCode ?? 0, { error: { code: cause?.code, message: cause?.message } });
    if (no) return no;
    throw e;
  }
}

const ok = <T>(a: BatchAnswer | undefined): T => {
  if (!a || a.status >= 300) throw itemAppError(a?.status ?? 0, a ? itemError(a) : t('graphNoAnswer'), a?.body);
  return a.body as T;
};

interface RawUser {
  createdDateTime?: string | null;
  signInActivity?: { lastSignInDateTime?: string | null; lastNonInteractiveSignInDateTime?: string | null };
}

interface RawLifecycle {
  complianceState?: string | null;
  lastAttestationDateTime?: string | null;
  effectiveGoverningPolicy?: RawPolicy | null;
}

/** The batch items that read one guest's lifecycle (with the governing policy and its rules) and creation date. */
const governanceItems = (userId: string, activity: boolean) => [
  { id: `l${userId}`, method: 'GET' as const, url: `${path`/users/${userId}/lifecycle`}${LIFECYCLE}` },
  {
    id: `u${userId}`,
    method: 'GET' as const,
    url: `${path`/users/${userId}`}?$select=id,createdDateTime${activity ? ',signInActivity' : ''}`,
  },
];

/** How the policies stand to the guest, from their batch answers. */
function governanceOf(lifecycle: BatchAnswer | undefined, user: RawUser | null): Governance {
  if (!lifecycle) return ok(lifecycle);
  // No lifecycle record: no enabled guest policy governs them (the sandbox's 404; a real tenant may answer so too).
  if (lifecycle.status === 404) return { kind: 'notGoverned' };
  const no = refused(lifecycle.status, lifecycle.body);
  if (no) return no;
  const l = ok<RawLifecycle>(lifecycle);
  if (!l.effectiveGoverningPolicy) return { kind: 'notGoverned' };
  return {
    kind: 'governed',
    policy: guestPolicy(l.effectiveGoverningPolicy),
    complianceState: l.complianceState ?? null,
    lastAttestation: l.lastAttestationDateTime ?? null,
    since: user?.createdDateTime ?? null,
  };
}

/**
 * One guest's standing, in one JSON batch: their lifecycle with the governing policy and its rules, their sign-in
 * activity and their sponsors (what still counts without the licence: sponsors, inactivity from sign-in activity).
 */
export async function guestLifecycle(client: Client, userId: string): Promise<GuestLifecycle> {
  const answers = await sendBatch(client, [
    ...governanceItems(userId, true),
    { id: 's', method: 'GET', url: `${path`/users/${userId}/sponsors`}?$select=id` },
  ]);
  const activity = answers.get(`u${userId}`);
  const read = activity && activity.status < 300;
  // Without Entra ID P1 Graph refuses signInActivity, and with it the whole read of the user.
  const signIn: SignInRead = read ? 'read' : codeOf(activity?.body) === NOT_PREMIUM ? 'needsP1' : 'notPermitted';
  const user = read ? (activity.body as RawUser) : null;
  const dates = [user?.signInActivity?.lastSignInDateTime, user?.signInActivity?.lastNonInteractiveSignInDateTime]
    .filter((d): d is string => !!d)
    .sort();
  const sponsors = (await graphList<{ id: string }>(client, ok(answers.get('s')))).items.length;
  return {
    governance: governanceOf(answers.get(`l${userId}`), user),
    person: { sponsors, lastSignIn: dates.at(-1) ?? null, signIn },
  };
}

/**
 * The guests of a list under the policies, for their standing beside each row: the first one read alone, and the rest
 * only when the tenant has the licence and the caller may read them (else that one answer is every guest's).
 */
export async function listGovernance(client: Client, ids: string[]): Promise<Record<string, Governance>> {
  const [first, ...rest] = ids;
  if (!first) return {};
  const head = await governanceOfMany(client, [first]);
  const kind = head[first]?.kind;
  if (kind === 'unlicensed' || kind === 'notPermitted')
    return Object.fromEntries(ids.map((id) => [id, head[first] as Governance]));
  return { ...head, ...(await governanceOfMany(client, rest)) };
}

/** Guests a batch: two reads each; batches in flight at once. */
const AT_ONCE = 3;
const PER_BATCH = Math.floor(BATCH_LIMIT / 2);

/** The people of a list, each under the policy that governs them: by id, in batches, a few at a time. */
async function governanceOfMany(client: Client, ids: string[]): Promise<Record<string, Governance>> {
  const chunks = Array.from({ length: Math.ceil(ids.length / PER_BATCH) }, (_, i) =>
    ids.slice(i * PER_BATCH, (i + 1) * PER_BATCH),
  );
  const out: Record<string, Governance> = {};
  // A few batches at a time, as the list's own reads go (Graph throttles per app and tenant).
  for (let i = 0; i < chunks.length; i += AT_ONCE) {
    await Promise.all(
      chunks.slice(i, i + AT_ONCE).map(async (chunk) => {
        const answers = await sendBatch(
          client,
          chunk.flatMap((id) => governanceItems(id, false)),
        );
        for (const id of chunk) {
          const u = answers.get(`u${id}`);
          out[id] = governanceOf(answers.get(`l${id}`), u && u.status < 300 ? (u.body as RawUser) : null);
        }
      }),
    );
  }
  return out;
}

/**
 * `POST /users/{id}/microsoft.graph.identityGovernance.attest` (learn: user-attest): no body, 204. Not looked for
 * before a resend: attesting again is a later attestation of the same need and changes nothing else, so a send whose
 * answer was lost is simply sent again.
 */
export async function attestGuest(client: Client, userId: string): Promise<string> {
  await client.api(path`/users/${userId}/microsoft.graph.identityGovernance.attest`).post(undefined);
  return 'attested';
}

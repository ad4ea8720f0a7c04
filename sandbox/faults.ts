/**
 * Faults switched on at run time through the control API: latency, throttling (429 + Retry-After), 503, and
 * token expiry. A rule matches on host, method and a path regular expression; `times` bounds how often it fires.
 */
import { InvitationLimit } from './graph/invitation-limit.ts';
import type { ProfileName } from './profile/profiles.ts';

export interface FaultRule {
  host?: string;
  method?: string;
  path?: string;
  latencyMs?: number;
  status?: 429 | 503 | 504;
  retryAfterSeconds?: number;
  times?: number;
}

interface Delays {
  principalReplicationMs: number;
  dataverseSyncMs: number;
  licensePropagationMs: number;
}

/**
 * Microsoft's delays at the magnitudes documented (../shared/data/real-tenant.md, "Delays"): a new guest reaches
 * ARM/PIM in "tens of seconds, up to a minute or two" (microsoftgraph/msgraph-sdk-dotnet#2772), and a licence reaches
 * the environment API within minutes (Microsoft's Terraform provider waits up to nine: terraform-provider-power-platform
 * internal/services/authorization/api_user.go). The large profile has them so; the seed keeps them short, so that the
 * suite's other flows stay quick, and tests ask for more where they are about a delay.
 */
const PROFILE_DELAYS: Record<ProfileName, Delays> = {
  small: { principalReplicationMs: 2000, dataverseSyncMs: 0, licensePropagationMs: 1000 },
  large: { principalReplicationMs: 90_000, dataverseSyncMs: 0, licensePropagationMs: 3 * 60_000 },
};

export interface FaultOutcome {
  latencyMs: number;
  failure?: { status: number; retryAfterSeconds?: number };
}

export class Faults {
  private rules: FaultRule[] = [];
  /** Access tokens issued before this instant (ms) are treated as expired. */
  tokensExpireBefore = 0;
  /** How long a new user stays invisible to ARM (PrincipalNotFound), as Entra replication makes it. Sandbox time. */
  principalReplicationMs = PROFILE_DELAYS.small.principalReplicationMs;
  /** How long a user synced into Dataverse by "add user" stays unreadable there (0: at once). Sandbox time. */
  dataverseSyncMs = PROFILE_DELAYS.small.dataverseSyncMs;
  /** How long after a licence is assigned the environment API's addUser still answers userNotLicensed. Sandbox time. */
  licensePropagationMs = PROFILE_DELAYS.small.licensePropagationMs;
  /**
   * How many times faster than real time the delays above pass: a test says "hidden for 90 s" and, at 10, waits 9.
   * Every delay the sandbox models goes through `scaled`.
   */
  timeScale = 1;
  /** PIM refuses to end an activation younger than this (ActiveDurationTooShort); tests may shorten it. */
  minimumActiveSeconds = 300;
  /**
   * Not a fault: every list answers at most this many items per page (0: each service's own page sizes), so tests
   * cross page boundaries cheaply. Each service still pages in its own way (`pageSize` below).
   */
  forcedPageSize = 0;
  hits: { host: string; method: string; path: string; status: number }[] = [];
  /** Not a fault but Graph's own limit; tests may tighten it to meet throttling sooner. */
  readonly invitations = new InvitationLimit();

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  /** A delay in sandbox time as the wall-clock milliseconds it lasts at the time scale. */
  scaled(ms: number): number {
    return ms / this.timeScale;
  }

  /** Back to no faults, with the delays of the profile the tenant was made from. */
  clear(profile: ProfileName = 'small'): void {
    this.rules = [];
    this.hits = [];
    this.tokensExpireBefore = 0;
    Object.assign(this, PROFILE_DELAYS[profile]);
    this.timeScale = 1;
    this.minimumActiveSeconds = 300;
    this.forcedPageSize = 0;
    this.invitations.reset();
  }

  expireTokens(): void {
    this.tokensExpireBefore = Date.now();
  }

  private matches(rule: FaultRule, host: string, method: string, path: string): boolean {
    if (rule.host && rule.host !== host) return false;
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.path && !new RegExp(rule.path).test(path)) return false;
    return rule.times === undefined || rule.times > 0;
  }

  check(host: string, method: string, path: string): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0 };
    for (const rule of this.rules) {
      if (!this.matches(rule, host, method, path)) continue;
      outcome.latencyMs += rule.latencyMs ?? 0;
      if (rule.status && !outcome.failure) {
        outcome.failure = { status: rule.status, retryAfterSeconds: rule.retryAfterSeconds };
        if (rule.times !== undefined) rule.times -= 1;
        this.hits.push({ host, method, path, status: rule.status });
      }
    }
    return outcome;
  }
}

/**
 * How many items a page of a list holds: what the caller asked (`$top`, `Prefer: odata.maxpagesize`) up to the
 * service's maximum, else its default; never more than a forced page size.
 */
export function pageSize(
  faults: Pick<Faults, 'forcedPageSize'>,
  asked: number | undefined,
  fallback: number,
  max: number,
): number {
  const n = asked !== undefined && Number.isInteger(asked) && asked > 0 ? Math.min(asked, max) : fallback;
  return faults.forcedPageSize > 0 ? Math.min(n, faults.forcedPageSize) : n;
}

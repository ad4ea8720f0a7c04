/**
 * Faults switched on at run time through the control API: latency, throttling (429 + Retry-After), 503, and
 * token expiry. A rule matches on host, method and a path regular expression; `times` bounds how often it fires.
 */
import type { CorsRefusal } from './cors.ts';
import type { ProfileName } from './profile/profiles.ts';
import { RateWindow } from './rate-window.ts';

export interface FaultRule {
  host?: string;
  method?: string;
  path?: string;
  latencyMs?: number;
  status?: 429 | 503 | 504;
  /**
   * Written in Retry-After as given, a fraction too: Graph sends fractions such as 0.249 from `$batch`, though RFC 9110
   * allows whole seconds only (microsoftgraph/microsoft-graph-docs#3877; Learn's own throttling sample showed 2.128).
   */
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
  /**
   * Where CORS is refused (sandbox/cors.ts). A setting of the run rather than a fault: `clear()` (and so a control
   * reset) keeps it, or a test's reset would quietly give CORS back to a suite started without it.
   */
  corsRefusal: CorsRefusal = 'environment-api';
  /**
   * Not faults but the services' own limits; tests may tighten them to meet throttling sooner. Graph: 150
   * invitations per 5 seconds per tenant (throttling limits, identity and access service).
   */
  readonly invitations = new RateWindow(150, 5000);
  /**
   * Power BI's admin reads (`GET /v1.0/myorg/admin/...`): "Maximum 200 requests per hour" on each admin operation's
   * page (learn: rest/api/power-bi/admin/apps-get-app-users-as-admin, Limitations). The sandbox counts a tenant's
   * admin reads together, which is as strict as any one operation's limit and stricter than their sum.
   */
  readonly powerBiAdminReads = new RateWindow(200, 3_600_000);

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
    this.powerBiAdminReads.reset();
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
      // A delay alone counted out by `times` is a hit too (status 0: delayed, not refused), so a test knows the
      // request is on its way before the answer comes.
      if (!rule.status && rule.times !== undefined) {
        rule.times -= 1;
        this.hits.push({ host, method, path, status: 0 });
      }
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

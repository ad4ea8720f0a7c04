/**
 * A service's own limit of so many requests per window per tenant (not a fault: the services have them). Past it,
 * each request is refused with the seconds until a slot frees, for Retry-After. Tests may tighten a limit to meet
 * it sooner; `reset` puts back the service's own figures.
 */
export class RateWindow {
  private readonly sent = new Map<string, number[]>();
  max: number;
  windowMs: number;

  constructor(
    private readonly serviceMax: number,
    private readonly serviceWindowMs: number,
  ) {
    this.max = serviceMax;
    this.windowMs = serviceWindowMs;
  }

  /** Takes a slot for the tenant, or returns the seconds to wait for one. */
  take(tenantId: string, now = Date.now()): number | null {
    const recent = (this.sent.get(tenantId) ?? []).filter((t) => t > now - this.windowMs);
    this.sent.set(tenantId, recent);
    if (recent.length >= this.max) {
      // A limit of none (a test's) frees no slot before a whole window has passed.
      const oldest = recent[recent.length - this.max] ?? now;
      return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    recent.push(now);
    return null;
  }

  reset(max = this.serviceMax, windowMs = this.serviceWindowMs): void {
    this.sent.clear();
    this.max = max;
    this.windowMs = windowMs;
  }
}

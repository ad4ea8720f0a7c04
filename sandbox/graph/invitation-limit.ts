/**
 * Graph's documented limit on invitations: 150 requests per 5 seconds per tenant (throttling limits, identity and
 * access service). Past it, each request gets 429 with the seconds until a slot frees in Retry-After.
 */
export class InvitationLimit {
  private readonly sent = new Map<string, number[]>();

  constructor(
    public max = 150,
    public windowMs = 5000,
  ) {}

  /** Takes a slot for the tenant, or returns the seconds to wait for one. */
  take(tenantId: string, now = Date.now()): number | null {
    const recent = (this.sent.get(tenantId) ?? []).filter((t) => t > now - this.windowMs);
    this.sent.set(tenantId, recent);
    if (recent.length >= this.max) {
      const oldest = recent[recent.length - this.max] as number;
      return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
    }
    recent.push(now);
    return null;
  }

  reset(max = 150, windowMs = 5000): void {
    this.sent.clear();
    this.max = max;
    this.windowMs = windowMs;
  }
}

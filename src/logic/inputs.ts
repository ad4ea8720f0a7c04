/** Bounds on what people type, from Microsoft's own limits: an address (RFC 5321), a display name, Graph's custom message, a URL. */
export const LIMITS = { email: 320, displayName: 256, message: 10_000, url: 2048, search: 120, fileName: 260 } as const;

/** The most data rows a bulk file may hold; a longer one is refused whole, never cut to its first rows. */
export const MAX_BULK_ROWS = 50_000;

/** A usage location as Graph takes it: an ISO 3166 two-letter country code, upper case. */
export const isUsageLocation = (value: unknown): value is string => typeof value === 'string' && /^[A-Z]{2}$/.test(value);

/** An https:// address within the URL bound: the only kind of redirect or link the extension sends or follows. */
export function httpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > LIMITS.url) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A directory search shows this many at most: the person types more to narrow it, and the view says so. Here, not
 * beside the guest card's words, so the invite form's picker does not load the card's module at startup.
 */
export const SEARCH_HITS = 15;

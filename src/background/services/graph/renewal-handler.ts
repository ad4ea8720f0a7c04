import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

const AUTHORIZATION = 'Authorization';

/** Takes the bearer header off a request, so the AuthenticationHandler sets the renewed one instead of adding it. */
function dropAuthorization(context: Context): void {
  const headers = context.options?.headers;
  if (!headers) return;
  if (headers instanceof Headers) headers.delete(AUTHORIZATION);
  else if (Array.isArray(headers))
    context.options = { ...context.options, headers: headers.filter(([k]) => k !== AUTHORIZATION) };
  else delete (headers as Record<string, string>)[AUTHORIZATION];
}

/**
 * A 401 from Graph (a token expired or revoked before its time) is answered once by asking for a fresh token and
 * sending the request again: `renew` makes the next token the AuthenticationHandler asks for a renewed one. Placed
 * before the AuthenticationHandler in the chain, so the second try carries the new token; a second 401 is Graph's
 * answer, and the caller sees it as "sign in again". Shaped as the SDK's own RetryHandler (issue 22).
 */
export class RenewalHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly renew: () => void) {}

  async execute(context: Context): Promise<void> {
    const next = this.next;
    if (!next) throw new Error('RenewalHandler is not the last middleware');
    await next.execute(context);
    if (context.response?.status !== 401) return;
    this.renew();
    dropAuthorization(context);
    await next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, ErrorCodes } from '../../shared/errors.ts';

/** Graph's errors mapped to codes once, at the client boundary. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (!(e instanceof GraphError))
    return new AppError(ErrorCodes.network, e instanceof Error ? e.message : String(e), { cause: e });
  const detail = e.message;
  switch (true) {
    case e.statusCode === 401:
      return new AppError(ErrorCodes.authExpired, detail, { cause: e });
    case e.statusCode === 403 && /guest invitations not allowed/i.test(detail):
      return new AppError(ErrorCodes.invitesNotAllowed, detail, { cause: e });
    case e.statusCode === 403 && /company administrators/i.test(detail):
      return new AppError(ErrorCodes.memberInviteNotAllowed, detail, { cause: e });
    case e.statusCode === 403:
      return new AppError(ErrorCodes.forbidden, detail, { cause: e });
    case e.statusCode === 404:
      return new AppError(ErrorCodes.notFound, detail, { cause: e });
    case e.statusCode === 429:
      return new AppError(ErrorCodes.throttled, detail, { cause: e });
    case e.statusCode === 503 || e.statusCode === 504:
      return new AppError(ErrorCodes.serviceUnavailable, detail, { cause: e });
    // Graph documents no code for these refusals: they are told apart by the words Microsoft's B2B troubleshooting
    // page quotes (learn: external-id/troubleshoot), the last resort the style guide allows.
    case e.statusCode >= 400 && e.statusCode < 500 && /cross-tenant/i.test(detail):
      return new AppError(ErrorCodes.crossTenantBlocked, detail, { cause: e });
    case e.statusCode >= 400 &&
      e.statusCode < 500 &&
      /(collaboration restriction|domain.{0,40}(blocked|not allowed))/i.test(detail):
      return new AppError(ErrorCodes.domainBlocked, detail, { cause: e });
    case e.statusCode === 400 && /verified domain/i.test(detail):
      return new AppError(ErrorCodes.domainIsInternal, detail, { cause: e });
    case e.statusCode === 400 && /email address/i.test(detail) && /invalid/i.test(detail):
      return new AppError(ErrorCodes.invalidEmail, detail, { cause: e });
    case e.statusCode >= 400 && e.statusCode < 500:
      return new AppError(ErrorCodes.badRequest, detail, { cause: e });
    default:
      return new AppError(ErrorCodes.network, detail, { cause: e });
  }
}

/** A JSON batch item Graph refused (status 0: not answered at all), as the same code a request of its own would get. */
export const itemAppError = (status: number, message: string): AppError =>
  status === 0 ? new AppError(ErrorCodes.network, message) : toAppError(new GraphError(status, message));

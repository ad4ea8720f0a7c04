import { GraphError } from '@microsoft/microsoft-graph-client';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { GRAPH_WORDS, innerCodeOf, refusalCode } from '../error-table.ts';

/** The inner code of the error body the SDK keeps as text (`{ error: { innerError, details } }`). */
function innerCode(body: unknown): string | undefined {
  try {
    const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { error?: Parameters<typeof innerCodeOf>[0] };
    return innerCodeOf(parsed?.error);
  } catch {
    return undefined;
  }
}

/** Graph's errors mapped to codes once, at the client boundary, by the one error table. */
export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (!(e instanceof GraphError) || e.statusCode < 400)
    return new AppError(ErrorCodes.network, e instanceof Error ? e.message : String(e), { cause: e });
  const code = refusalCode(
    { status: e.statusCode, code: e.code ?? '', innerCode: innerCode(e.body), message: e.message, authenticate: '' },
    GRAPH_WORDS,
  );
  return new AppError(code, e.message, { cause: e });
}

/** A JSON batch item Graph refused (status 0: not answered at all), as the same code a request of its own would get. */
export function itemAppError(status: number, message: string, body?: unknown): AppError {
  if (status === 0) return new AppError(ErrorCodes.network, message);
  const refused = new GraphError(status, message);
  const error = (body as { error?: { code?: string } } | null | undefined)?.error;
  refused.code = error?.code ?? null;
  refused.body = body === undefined ? null : JSON.stringify(body);
  return toAppError(refused);
}

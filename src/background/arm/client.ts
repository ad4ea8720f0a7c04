import { ARM_ORIGIN, type Settings } from '../../shared/config.ts';
import { AppError, ErrorCodes } from '../../shared/errors.ts';
import { armToken } from '../auth.ts';
import { restCall } from '../rest.ts';

function toAppError(status: number, code: string): AppError {
  if (code === 'PrincipalNotFound') return new AppError(ErrorCodes.principalNotFound, code);
  if (code === 'RoleAssignmentExists') return new AppError(ErrorCodes.roleAssignmentExists, code);
  if (status === 404) return new AppError(ErrorCodes.notFound, code);
  if (status === 403) return new AppError(ErrorCodes.forbidden, code);
  return new AppError(ErrorCodes.badRequest, code);
}

/** One Azure Resource Manager call; `path` may carry its own query (`?$filter=…`). */
export function arm<T>(settings: Settings, method: 'GET' | 'PUT', path: string, apiVersion: string, body?: unknown): Promise<T> {
  return restCall<T>({
    method,
    url: `${ARM_ORIGIN}${path}${path.includes('?') ? '&' : '?'}api-version=${apiVersion}`,
    body,
    token: async (force) => (await armToken(settings, force)).accessToken,
    expired: (status) => status === 401,
    toError: toAppError,
  });
}

export const armGet = <T>(settings: Settings, path: string, apiVersion: string) => arm<T>(settings, 'GET', path, apiVersion);

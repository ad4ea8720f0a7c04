import { describe, expect, it, vi } from 'vitest';
import { AppError, ErrorCodes } from '../../../common/errors.ts';
import { getApp } from './workspaces.ts';

// Power BI's answer to Apps - Get App for an app that is not shared with the caller: 404 PowerBIEntityNotFound.
vi.mock('./client.ts', () => ({
  powerBi: async () => {
    throw new AppError(ErrorCodes.notFound, 'PowerBIEntityNotFound');
  },
}));

describe('a Power BI app the signed-in account cannot see', () => {
  it('is said to be not found or not shared with this account, not "no longer exists"', async () => {
    const refused = await getApp({} as never, '6f8d2b4c-9e3a-4d7f-8b2c-3d4e5f6a7b8c').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: ErrorCodes.powerBiAppNotFound });
    expect((refused as Error).message).toContain('not shared with this account');
  });
});

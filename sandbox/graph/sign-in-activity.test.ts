import { describe, expect, it } from 'vitest';
import { control } from '../../test/e2e/control.ts';
import { sandboxPerFile } from '../../test/support/node-sandbox.ts';
import { graphClient, LEE, MEGAN, SCOPES } from './graph-test-client.ts';

const sandbox = sandboxPerFile();
const graph = graphClient(sandbox);
const CONTOSO = '3f8a6c2e-5b1d-4e7a-9c40-1d2e3f4a5b6c';
const RAFAEL = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const INES = '8d2e3f4a-5b6c-4d7e-9f8a-0b1c2d3e4f5a';
const activityOf = (body: unknown) => (body as { signInActivity: Record<string, unknown> }).signInActivity;

describe('signInActivity', () => {
  it('shows when a guest last signed in, and null dates for one who never did', async () => {
    const seen = await graph('GET', `/users/${INES}?$select=id,signInActivity`);
    expect(seen.status).toBe(200);
    expect(activityOf(seen.body).lastSignInDateTime).toBe('2026-05-21T09:30:00Z');
    const never = await graph('GET', `/users/${RAFAEL}?$select=id,signInActivity`);
    expect(activityOf(never.body).lastSignInDateTime).toBeNull();
  });

  it('is not in the default properties', async () => {
    const res = await graph('GET', `/users/${INES}`);
    expect(res.body).not.toHaveProperty('signInActivity');
  });

  it('is refused, as Graph refuses it, in a tenant without Entra ID P1', async () => {
    await control(sandbox().controlPort, sandbox().controlToken).setEntraIdPlan(CONTOSO, 'Free');
    const res = await graph('GET', `/users/${INES}?$select=id,signInActivity`);
    expect(res.status).toBe(403);
    expect((res.body as { error: { code: string } }).error.code).toBe('Authentication_RequestFromNonPremiumTenantOrB2CTenant');
    expect((await graph('GET', `/users/${INES}?$select=id,displayName`)).status).toBe(200);
  });

  it('needs AuditLog.Read.All and a role that reads sign-in reports', async () => {
    const without = SCOPES.filter((s) => !s.endsWith('AuditLog.Read.All'));
    expect((await graph('GET', `/users/${INES}?$select=id,signInActivity`, { scopes: without })).status).toBe(403);
    expect((await graph('GET', `/users/${INES}?$select=id,signInActivity`, { user: LEE })).status).toBe(403);
    expect((await graph('GET', `/users/${INES}?$select=id,signInActivity`, { user: MEGAN })).status).toBe(200);
  });
});

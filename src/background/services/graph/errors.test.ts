import { GraphError } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/errors.ts';
import { toAppError } from './errors.ts';

const graphError = (status: number, message: string) => {
  const e = new GraphError(status, message);
  e.code = 'x';
  return e;
};

describe('toAppError', () => {
  it.each([
    [401, 'Lifetime validation failed, the token is expired.', 'auth_expired'],
    [
      403,
      'Guest invitations not allowed for your company. Contact your company administrator for more details.',
      'invites_not_allowed',
    ],
    [403, 'Only company administrators can invite users as members.', 'member_invite_not_allowed'],
    [403, 'Insufficient privileges to complete the operation.', 'forbidden'],
    [404, 'Resource does not exist', 'not_found'],
    [429, 'Too many requests.', 'throttled'],
    [503, 'The service is temporarily unavailable.', 'service_unavailable'],
    [400, "The invited user's domain 'contoso.example' is a verified domain of this directory.", 'domain_is_internal'],
    [400, "The email address 'a#b@c.example' is invalid.", 'invalid_email'],
    [
      400,
      "Invitations to the domain 'blocked.example' are blocked by your organization's collaboration restrictions.",
      'domain_blocked',
    ],
    [
      400,
      "This invitation is blocked by cross-tenant access settings. Admins in both your organization and the invited user's organization must configure cross-tenant access settings to allow the invitation.",
      'cross_tenant_blocked',
    ],
    // assignLicense for a guest without a usage location: a question for the person, not a bad request.
    [400, 'License assignment cannot be done for user with invalid usage location.', 'usage_location_required'],
    [400, 'Something else.', 'bad_request'],
  ])('maps %i "%s" to %s', (status, message, code) => {
    expect(toAppError(graphError(status, message)).code).toBe(code);
  });

  it('keeps an error that already has a code', () => {
    const e = new AppError('interaction_required');
    expect(toAppError(e)).toBe(e);
  });

  it('calls a failed fetch a network problem', () => {
    expect(toAppError(new TypeError('Failed to fetch')).code).toBe('network');
  });
});

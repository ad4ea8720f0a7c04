import type { ApiRequest, ApiResponse } from '../api.ts';
import { type Faults, pageSize } from '../faults.ts';
import { linkedPage } from './next-link.ts';

/**
 * How many items one page of each ARM list holds. ARM documents no page sizes for these lists, and none takes a
 * page size from the client (no `$top`): the swaggers only declare `x-ms-pageable` with `nextLink`, and the
 * role assignments `$skipToken` is "only supported on provider level calls". So these are the sandbox's own choices,
 * large enough that a real-sized list mostly fits one page, as clients see ARM answer: 5000 role assignments (above
 * Azure's limit of 4000 per subscription, learn: azure/role-based-access-control/troubleshoot-limits), 1000 role
 * definitions, schedule instances and policy assignments (Azure has some 700 built-in roles), 100 subscriptions and
 * tenants. `faults.forcedPageSize` makes them small.
 */
export const ARM_PAGE_SIZES = {
  roleAssignments: 5000,
  roleDefinitions: 1000,
  instances: 1000,
  policyAssignments: 1000,
  subscriptions: 100,
  tenants: 100,
} as const;

export type ArmList = keyof typeof ARM_PAGE_SIZES;

/**
 * A skiptoken this list did not issue. ARM's answer for it is not documented for these lists; this is the one Azure
 * Resource Graph gives (microsoft/ARI#201: BadRequest with detail CouldNotDecodeSkipToken), unverified here.
 */
const undecodable = (): ApiResponse => ({
  status: 400,
  body: {
    error: {
      code: 'BadRequest',
      message: 'Skip token could not be decoded.',
      details: [{ code: 'CouldNotDecodeSkipToken', message: 'Skip token could not be decoded.' }],
    },
  },
});

/**
 * One page of a list answer (`{ value }`) as ARM pages it: at most the list's page size, and a `nextLink` to the rest
 * (the request's own URL at management.azure.com with an opaque `$skiptoken`); other answers pass unchanged.
 */
export function armPaged(answer: ApiResponse, req: ApiRequest, faults: Faults, list: ArmList): ApiResponse {
  const value = (answer.body as { value?: unknown } | undefined)?.value;
  if (answer.status !== 200 || !Array.isArray(value)) return answer;
  const url = new URL(`https://management.azure.com${req.path}`);
  for (const [k, v] of req.query) url.searchParams.append(k, v);
  const size = ARM_PAGE_SIZES[list];
  const page = linkedPage(value, url, pageSize(faults, undefined, size, size));
  if ('refused' in page) return undecodable();
  return { ...answer, body: { value: page.items, ...(page.next ? { nextLink: page.next } : {}) } };
}

/**
 * ARM as the sandbox's own tests call it: every request and answer checked against Microsoft's swagger
 * (../shared/contracts/arm) on the way. Not a test file itself.
 */
import { expect } from 'vitest';
import { type ArmContractCheck, armContract } from '../../test/contract/arm-contract.ts';
import { type SandboxReply, sandboxRequest } from '../../test/support/https.ts';
import { CONTOSO, mintToken } from '../../test/support/node-sandbox.ts';
import type { RunningSandbox } from '../server.ts';
import { ARM_AUDIENCE, handleArm } from './router.ts';

export const SUB = '11111111-2222-4333-8444-555555555555';
export const AUTH = '/providers/Microsoft.Authorization';
export const STORAGE = `/subscriptions/${SUB}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata01`;
export const RG_WEB = `/subscriptions/${SUB}/resourceGroups/rg-web`;
export const WEB = `${RG_WEB}/providers/Microsoft.Web/sites/web-partner`;
export const MEGAN = 'c1a0e4b2-7d3f-4a51-9b62-0e8f1d2c3b4a';
export const ADELE = 'd2b1f5c3-8e4a-4b62-8c73-1f9a2e3d4c5b';
export const PAT = 'f4d3b7e5-0a6c-4d84-8e95-3b1c4a5f6e7d';
export const KIM = 'a5e4c8f6-1b7d-4e95-9fa6-4c2d5b6a7f8e';
export const ROLES = {
  blobReader: '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  websiteContributor: 'de139f84-1756-47ae-9be6-808fbbe84772',
  blobContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
};
/** Pat's seeded eligibilities, by role. */
export const PAT_ELIGIBLE = {
  blobReader: `${STORAGE}${AUTH}/roleEligibilitySchedules/a19e5326-2505-4356-ba1d-9cc191dbd8c0`,
  reader: `${RG_WEB}${AUTH}/roleEligibilitySchedules/04f66c6d-8681-411e-8aa9-7e4369afb058`,
  websiteContributor: `${WEB}${AUTH}/roleEligibilitySchedules/7dfdbd88-dfa4-43df-ae25-ce226508f3da`,
  blobContributor: `${STORAGE}${AUTH}/roleEligibilitySchedules/82cf61cd-6d48-4d6e-9f9a-df69fc382f22`,
};
export const roleId = (guid: string) => `/subscriptions/${SUB}${AUTH}/roleDefinitions/${guid}`;

let contract: ArmContractCheck | undefined;

/**
 * Problems the swagger reports where the real service says otherwise. The 2020-10-01 roleManagementPolicyAssignments
 * list declares no `$filter`, yet ARM takes `roleDefinitionId eq '…'` (the request az-pim-cli, EasyPIM and Azure
 * PIM's own portal send). A `nextLink` is followed as given (`x-ms-pageable`), so its `$skiptoken` is the service's
 * own query, declared or not.
 */
const knownGap = (problem: string, path: string) =>
  (problem === 'query parameter $filter is not declared' && /roleManagementPolicyAssignments$/i.test(path)) ||
  problem === 'query parameter $skiptoken is not declared';

/**
 * The swagger's templates want a non-empty `{scope}`, but ARM serves the tenant root at `/providers/…` (the
 * `asTarget()` reads portal.azure.com makes): such an exchange is checked as the same operation at a subscription.
 */
const contractPath = (path: string) => (path.startsWith('/providers/') ? `/subscriptions/${SUB}${path}` : path);

/** Fails the test on anything the contract says about this exchange. */
export function checkExchange(method: string, pathAndQuery: string, body: unknown, reply: { status: number; body: unknown }) {
  contract ??= armContract();
  const [raw = '', query = ''] = pathAndQuery.split('?');
  const path = contractPath(raw);
  const sent = contract.request(method, path, query, body === undefined ? undefined : 'application/json', body);
  expect(sent.filter((p) => !knownGap(p, path))).toEqual([]);
  expect(contract.response(method, path, query, reply.status, reply.body)).toEqual([]);
}

/** Calls ARM as `user` of Contoso, with a token minted by the control API, and checks the exchange. */
export function armClient(sandbox: () => RunningSandbox) {
  return async (method: string, pathAndQuery: string, user: string, body?: unknown): Promise<SandboxReply> => {
    const token = await mintToken(sandbox(), user, ['https://management.azure.com/user_impersonation']);
    const reply = await sandboxRequest(sandbox(), 'management.azure.com', method, pathAndQuery, { token, body });
    checkExchange(method, pathAndQuery, body, reply);
    return reply;
  };
}

/**
 * Calls the ARM handler in process with a token that satisfied these authentication contexts (`acrs`): the control
 * API mints tokens without any, and a real step-up sign-in needs a browser.
 */
export async function armWithAcrs(
  sandbox: () => RunningSandbox,
  user: string,
  acrs: string[],
  method: string,
  pathAndQuery: string,
  body?: unknown,
): Promise<SandboxReply> {
  const tenant = sandbox().store.tenant(CONTOSO);
  if (!tenant) throw new Error('no Contoso');
  const token = { tenant, userId: user, clientId: 'test', scopes: [], audience: ARM_AUDIENCE, issuedAt: Date.now(), acrs };
  const url = new URL(pathAndQuery, 'https://management.azure.com');
  const answer = await handleArm(
    {
      method,
      host: 'management.azure.com',
      path: url.pathname,
      query: url.searchParams,
      headers: { authorization: 'Bearer t' },
      body,
    },
    { store: sandbox().store, faults: sandbox().faults, login: { findAccessToken: async () => token } },
  );
  const reply = { status: answer.status, headers: answer.headers ?? {}, body: JSON.parse(JSON.stringify(answer.body ?? null)) };
  checkExchange(method, pathAndQuery, body, reply);
  return reply;
}

export interface ActivationOptions {
  scope: string;
  role: string;
  linked?: string;
  duration?: string;
  justification?: string;
  ticketNumber?: string;
  start?: string;
  principalId?: string;
  requestType?: 'SelfActivate' | 'SelfDeactivate';
}

/** A roleAssignmentScheduleRequests PUT of Pat's own, as a client sends it. */
export function selfRequest(o: ActivationOptions, name: string = crypto.randomUUID()) {
  const type = o.requestType ?? 'SelfActivate';
  const properties = {
    principalId: o.principalId ?? PAT,
    roleDefinitionId: roleId(o.role),
    requestType: type,
    ...(o.linked ? { linkedRoleEligibilityScheduleId: o.linked } : {}),
    ...(o.justification ? { justification: o.justification } : {}),
    ...(o.ticketNumber ? { ticketInfo: { ticketNumber: o.ticketNumber, ticketSystem: 'ServiceNow' } } : {}),
    ...(type === 'SelfActivate'
      ? {
          scheduleInfo: {
            startDateTime: o.start ?? new Date().toISOString(),
            expiration: { type: 'AfterDuration', duration: o.duration ?? 'PT1H' },
          },
        }
      : {}),
  };
  return { name, path: `${o.scope}${AUTH}/roleAssignmentScheduleRequests/${name}?api-version=2020-10-01`, body: { properties } };
}

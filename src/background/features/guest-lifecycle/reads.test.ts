import type { Client } from '@microsoft/microsoft-graph-client';
import { describe, expect, it } from 'vitest';
import { guestLifecycle, listGovernance } from './reads.ts';

const [RAFAEL, INES, TOMAS] = ['r', 'i', 't'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`) as [
  string,
  string,
  string,
];
const NS = '#microsoft.graph.identityGovernance.';
const POLICY = {
  '@odata.type': `${NS}guestLifecyclePolicy`,
  id: 'p',
  displayName: 'Guests keep access while their sponsors attest',
  isEnabled: true,
  gracePeriodInDays: 30,
  enforcementAction: { '@odata.type': `${NS}disableThenDeleteEnforcementAction`, deletionGracePeriodInDays: 30 },
  rules: [
    { '@odata.type': `${NS}periodicAttestationRule`, id: 'a', isEnabled: true, attestationIntervalInDays: 90 },
    { '@odata.type': `${NS}sponsorPresenceRule`, id: 's', isEnabled: false, minimumSponsorCount: 1 },
  ],
};
const NO_LICENSE = { status: 403, body: { error: { code: 'NoLicense', message: 'Tenant does not meet license requirement!' } } };

/** Graph's batches: each item answered by `answer`; every batch's items kept, in order. */
function fakeGraph(answer: (id: string, url: string) => { status: number; body: unknown }) {
  const batches: string[][] = [];
  const client = {
    api: () => ({
      post: async ({ requests }: { requests: { id: string; url: string }[] }) => {
        batches.push(requests.map((r) => r.url));
        return { responses: requests.map((r) => ({ id: r.id, ...answer(r.id, r.url) })) };
      },
    }),
  } as unknown as Client;
  return { client, batches };
}

describe("a guest's lifecycle read", () => {
  it('gives the governing policy with its enabled rules, the last attestation, sponsors and sign-in, in one batch', async () => {
    const { client, batches } = fakeGraph((id) => {
      if (id.startsWith('l'))
        return {
          status: 200,
          body: { complianceState: 'warning', lastAttestationDateTime: '2026-09-20T10:00:00Z', effectiveGoverningPolicy: POLICY },
        };
      if (id.startsWith('u'))
        return {
          status: 200,
          body: { createdDateTime: '2026-06-01T13:00:00Z', signInActivity: { lastSignInDateTime: '2026-11-01T08:00:00Z' } },
        };
      return { status: 200, body: { value: [{ id: 'm' }] } };
    });
    const read = await guestLifecycle(client, RAFAEL);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.[0]).toBe(`/users/${RAFAEL}/lifecycle?$expand=effectiveGoverningPolicy($expand=rules)`);
    expect(read.person).toEqual({ sponsors: 1, lastSignIn: '2026-11-01T08:00:00Z', signIn: 'read' });
    expect(read.governance).toMatchObject({
      kind: 'governed',
      lastAttestation: '2026-09-20T10:00:00Z',
      since: '2026-06-01T13:00:00Z',
      policy: { attestationDays: 90, minimumSponsors: null, deleteAfterDays: 30, gracePeriodInDays: 30 },
    });
  });

  it('says the tenant lacks Microsoft Entra ID Governance, and keeps the sponsors and sign-in that work without it', async () => {
    const { client } = fakeGraph((id) =>
      id.startsWith('l') ? NO_LICENSE : id.startsWith('u') ? { status: 200, body: {} } : { status: 200, body: { value: [] } },
    );
    const read = await guestLifecycle(client, RAFAEL);
    expect(read.governance).toEqual({ kind: 'unlicensed' });
    expect(read.person).toEqual({ sponsors: 0, lastSignIn: null, signIn: 'read' });
  });
});

describe("a list's guests under the policies", () => {
  it('reads the first guest alone, and no other once the tenant lacks the licence', async () => {
    const { client, batches } = fakeGraph((id) => (id.startsWith('l') ? NO_LICENSE : { status: 200, body: {} }));
    const read = await listGovernance(client, [RAFAEL, INES, TOMAS]);
    expect(batches).toHaveLength(1);
    expect(Object.values(read)).toEqual([{ kind: 'unlicensed' }, { kind: 'unlicensed' }, { kind: 'unlicensed' }]);
  });

  it('reads every guest where it may, a guest no policy governs said so', async () => {
    const { client, batches } = fakeGraph((id) =>
      id === `l${INES}`
        ? { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'none' } } }
        : id.startsWith('l')
          ? { status: 200, body: { effectiveGoverningPolicy: POLICY } }
          : { status: 200, body: {} },
    );
    const read = await listGovernance(client, [RAFAEL, INES, TOMAS]);
    expect(batches).toHaveLength(2);
    expect(read[INES]).toEqual({ kind: 'notGoverned' });
    expect(read[TOMAS]?.kind).toBe('governed');
  });
});

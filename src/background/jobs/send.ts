import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Invitation } from '@microsoft/microsoft-graph-types';
import type { JobRow } from '../../shared/bulk/job.ts';
import { AppError } from '../../shared/errors.ts';
import { itemError, itemHeader } from '../graph/batch.ts';
import type { GraphSession } from '../graph/client.ts';

/**
 * `again`: refused before anything was done (429, 503), to send after `afterMs`. `unknown`: no clear answer
 * (500, 502, 504, none at all), so Graph may have done it: checked before it is sent again.
 */
export type InviteAnswer =
  | { kind: 'invited'; userId: string; redeemUrl: string }
  | { kind: 'again'; afterMs: number; throttled: boolean; why: string }
  | { kind: 'unknown'; why: string }
  | { kind: 'failed'; error: string };

interface ItemReply {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: { error?: { code?: string; message?: string } } & Invitation;
}

function invitationBody(row: JobRow): Invitation {
  return {
    invitedUserEmailAddress: row.email,
    inviteRedirectUrl: row.redirectUrl,
    sendInvitationMessage: row.sendEmail,
    invitedUserType: 'Guest',
    ...(row.displayName ? { invitedUserDisplayName: row.displayName } : {}),
    ...(row.message ? { invitedUserMessageInfo: { customizedMessageBody: row.message } } : {}),
  };
}

const retryAfterMs = (value: string | null | undefined) => {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 2000;
};

function answer(reply: ItemReply | undefined): InviteAnswer {
  if (!reply) return { kind: 'unknown', why: 'Graph did not answer this row.' };
  if (reply.status === 201 || reply.status === 200) {
    return { kind: 'invited', userId: reply.body?.invitedUser?.id ?? '', redeemUrl: reply.body?.inviteRedeemUrl ?? '' };
  }
  const message = itemError(reply);
  if (reply.status === 429 || reply.status === 503) {
    const afterMs = retryAfterMs(itemHeader(reply.headers, 'retry-after'));
    return { kind: 'again', afterMs, throttled: reply.status === 429, why: message };
  }
  if (reply.status >= 500) return { kind: 'unknown', why: message };
  return { kind: 'failed', error: message };
}

/**
 * One JSON batch of invitations (at most 20). Each item is answered on its own: invited, to send again later
 * (throttled or unavailable), or refused with Graph's reason. Not retried here: the job schedules the retry.
 */
export async function sendInvitations(session: GraphSession, rows: JobRow[]): Promise<InviteAnswer[]> {
  const requests = rows.map((row, i) => ({
    id: String(i),
    method: 'POST',
    url: '/invitations',
    headers: { 'content-type': 'application/json' },
    body: invitationBody(row),
  }));
  let reply: { responses: ItemReply[] };
  try {
    // Not the SDK's retry: a batch is sent again only when it is known that Graph ran none of it.
    reply = await session.client
      .api('/$batch')
      .middlewareOptions([new RetryHandlerOptions(0, 0)])
      .post({ requests });
  } catch (e) {
    const refused = e instanceof AppError && e.cause instanceof GraphError ? e.cause : undefined;
    if (refused && (refused.statusCode === 429 || refused.statusCode === 503)) {
      const afterMs = retryAfterMs(refused.headers?.get('retry-after'));
      const why = `Graph answered ${refused.statusCode} to the whole batch.`;
      return rows.map(() => ({ kind: 'again', afterMs, throttled: refused.statusCode === 429, why }));
    }
    // A gateway timeout or a lost connection: Graph may have run it. The runner checks before sending again.
    throw e;
  }
  return rows.map((_, i) => answer(reply.responses.find((r) => r.id === String(i))));
}

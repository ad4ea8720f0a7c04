import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Invitation } from '@microsoft/microsoft-graph-types';
import { AppError, type ErrorCode } from '../../../common/errors.ts';
import { t } from '../../../common/i18n.ts';
import type { InvitationRequest } from '../../../common/model.ts';
import { retryAfterMs } from '../../services/error-table.ts';
import { itemError, itemHeader } from '../../services/graph/batch.ts';
import type { GraphSession } from '../../services/graph/client.ts';
import { itemAppError } from '../../services/graph/errors.ts';
import { invitationBody } from '../../services/graph/invitations.ts';

/**
 * `again`: refused before anything was done (429, 503), to send after `afterMs`. `unknown`: no clear answer
 * (500, 502, 504, none at all), so Graph may have done it: checked before it is sent again.
 */
export type InviteAnswer =
  | { kind: 'invited'; userId: string; redeemUrl: string; status: string; displayName?: string }
  | { kind: 'again'; afterMs: number; throttled: boolean; why: string }
  | { kind: 'unknown'; why: string }
  | { kind: 'failed'; error: string; code: ErrorCode };

interface ItemReply {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: { error?: { code?: string; message?: string } } & Invitation;
}

function answer(reply: ItemReply | undefined): InviteAnswer {
  if (!reply) return { kind: 'unknown', why: t('graphNoAnswerRow') };
  if (reply.status === 201 || reply.status === 200) {
    const body = reply.body;
    return {
      kind: 'invited',
      userId: body?.invitedUser?.id ?? '',
      redeemUrl: body?.inviteRedeemUrl ?? '',
      status: body?.status ?? 'PendingAcceptance',
      ...(body?.invitedUserDisplayName ? { displayName: body.invitedUserDisplayName } : {}),
    };
  }
  const message = itemError(reply);
  if (reply.status === 429 || reply.status === 503) {
    const afterMs = retryAfterMs(itemHeader(reply.headers, 'retry-after'), 2000);
    return { kind: 'again', afterMs, throttled: reply.status === 429, why: message };
  }
  if (reply.status >= 500) return { kind: 'unknown', why: message };
  // The same words and codes as any other Graph refusal (a blocked domain, an invalid address, ...).
  return { kind: 'failed', error: message, code: itemAppError(reply.status, message, reply.body).code };
}

/**
 * One JSON batch of invitations (at most 20). Each item is answered on its own: invited, to send again later
 * (throttled or unavailable), or refused with Graph's reason. Not retried here: the job schedules the retry.
 */
export async function sendInvitations(session: GraphSession, rows: InvitationRequest[]): Promise<InviteAnswer[]> {
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
      const afterMs = retryAfterMs(refused.headers?.get('retry-after'), 2000);
      const why = t('graphAnsweredBatch', refused.statusCode);
      return rows.map(() => ({ kind: 'again', afterMs, throttled: refused.statusCode === 429, why }));
    }
    // A gateway timeout or a lost connection: Graph may have run it. The runner checks before sending again.
    throw e;
  }
  return rows.map((_, i) => answer(reply.responses.find((r) => r.id === String(i))));
}

import { useState } from 'preact/hooks';
import { AppError, ErrorCodes } from '../../common/errors.ts';
import type { PageInfo } from '../../common/model.ts';
import type { Operation } from '../../common/operation.ts';
import type { PageData } from '../../common/page-data.ts';
import { send } from '../../common/send.ts';
import { local } from '../../common/storage.ts';
import { useStored } from '../parts/use-stored.ts';
import { Announce } from './Announce.tsx';
import { InviteForm } from './InviteForm.tsx';
import { OperationCard, operationAnnouncement } from './OperationCard.tsx';

/**
 * The Invite tab: the invitation the background is running or has finished, else the form. Reopened, the popup
 * shows the truth from storage, watched for changes rather than polled.
 */
export function OneGuest(props: { accountId: string; page: PageInfo; data: PageData | null }) {
  const [op, setOp] = useState<Operation | null | undefined>(undefined);
  useStored([local.operations], () => void send('getOperation', {}).then(setOp, () => setOp(null)), []);
  if (op === undefined) return null;
  const invite = op?.steps[0];
  // Refused before anything was done: the form again, filled in, with the reason, so nothing typed is lost.
  if (op && !(op.status === 'done' && invite?.state === 'failed')) {
    return (
      <>
        <Announce text={operationAnnouncement(op)} />
        <OperationCard op={op} onAnother={() => send('dismissOperation', { id: op.id }).then(() => setOp(null))} />
      </>
    );
  }
  // A refused invitation comes back as the draft on the page it was sent from only (its redirect is that page's).
  const sent = op?.page === props.page.url ? op?.invitation : undefined;
  const retry =
    sent && invite
      ? {
          // Field by field: a reset's user id stays with the invitation that was refused, never in a new draft.
          draft: {
            email: sent.email,
            displayName: sent.displayName ?? '',
            message: sent.message ?? '',
            redirectUrl: sent.redirectUrl,
            sendEmail: sent.sendEmail,
            userType: sent.userType,
            ...(sent.sponsor ? { sponsor: sent.sponsor } : {}),
          },
          error: new AppError(invite.code ?? ErrorCodes.unknown, invite.detail),
        }
      : undefined;
  // The form's own refusal is an alert; the region stays, empty, so the next invitation's steps are read out.
  return (
    <>
      <Announce text="" />
      <InviteForm key={op?.id ?? 'new'} {...props} retry={retry} onStarted={setOp} />
    </>
  );
}

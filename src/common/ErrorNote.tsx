import { AppError, ErrorCodes } from './errors.ts';

/** The sentence for an error's code, plus the service's own words where they help the person act. */
export function ErrorNote({ error }: { error: unknown }) {
  const e = error instanceof AppError ? error : new AppError(ErrorCodes.unknown, String(error));
  const showDetail =
    e.detail &&
    (
      [
        ErrorCodes.badRequest,
        ErrorCodes.invalidEmail,
        ErrorCodes.notConfigured,
        ErrorCodes.signInFailed,
        ErrorCodes.network,
        ErrorCodes.bulkFileEmpty,
        ErrorCodes.bulkFileTooLarge,
        ErrorCodes.invalidSchedule,
        ErrorCodes.bulkJobBusy,
        ErrorCodes.unknown,
      ] as string[]
    ).includes(e.code);
  return (
    <div class="error" role="alert" data-code={e.code}>
      {e.message}
      {showDetail ? <div class="detail">{e.detail}</div> : null}
    </div>
  );
}

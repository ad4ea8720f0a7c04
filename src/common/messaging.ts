import { own } from '../logic/own.ts';
import { browser } from './browser.ts';
import { AppError, ErrorCodes, errorFrom, type SerializedError, serializeError } from './errors.ts';
import { t } from './i18n.ts';
import type { Endpoint } from './protocol.ts';

/** Every message carries this marker; receivers ignore anything without it. */
export const MARK = 'invite-here/1';

export interface Envelope {
  mark: typeof MARK;
  to: Endpoint;
  name: string;
  payload: unknown;
}

export type Reply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

export function isEnvelope(message: unknown, to: Endpoint): message is Envelope {
  const m = message as Partial<Envelope> | null;
  return (
    !!m && m.mark === MARK && m.to === to && typeof m.name === 'string' && typeof m.payload === 'object' && m.payload !== null
  );
}

/** Sends a typed message and returns the typed response, rethrowing the receiver's error with its code. */
export async function sendTo<P extends Record<string, { request: unknown; response: unknown }>, N extends keyof P & string>(
  to: Endpoint,
  name: N,
  payload: P[N]['request'],
): Promise<P[N]['response']> {
  const envelope: Envelope = { mark: MARK, to, name, payload };
  let reply: Reply | undefined;
  try {
    reply = (await browser.runtime.sendMessage(envelope)) as Reply | undefined;
  } catch (e) {
    throw new AppError(ErrorCodes.unknown, t('noAnswerToBecause', name, e instanceof Error ? e.message : String(e)), {
      cause: e,
    });
  }
  if (!reply) throw new AppError(ErrorCodes.unknown, t('noAnswerTo', name));
  if (reply.ok) return reply.value as P[N]['response'];
  throw errorFrom(reply.error);
}

/**
 * Runs the handler for a marked message and wraps the outcome as a Reply. Returns undefined (stays silent) for
 * messages meant for another endpoint: with webextension-polyfill, a listener that returns any Promise answers
 * the message, and would steal replies meant for the offscreen document.
 */
export function dispatch<Ctx>(
  to: Endpoint,
  message: unknown,
  handlers: { [name: string]: (request: never, ctx: Ctx) => Promise<unknown> },
  context: () => Ctx | AppError,
): Promise<Reply> | undefined {
  if (!isEnvelope(message, to)) return undefined;
  // Payload shapes are checked by the caller's context() before a handler sees them.
  const handler = own(handlers, message.name) as ((req: unknown, ctx: Ctx) => Promise<unknown>) | undefined;
  const run = async (): Promise<Reply> => {
    try {
      if (!handler) throw new AppError(ErrorCodes.badMessage, `unknown message ${message.name}`);
      const ctx = context();
      if (ctx instanceof AppError) throw ctx;
      return { ok: true, value: await handler(message.payload, ctx) };
    } catch (e) {
      return { ok: false, error: serializeError(e) };
    }
  };
  return run();
}

import { sendTo } from './messaging.ts';
import type { BackgroundProtocol } from './protocol.ts';

/** What the popup, options page and content script use to talk to the background. */
export const send = <N extends keyof BackgroundProtocol & string>(name: N, payload: BackgroundProtocol[N]['request']) =>
  sendTo<BackgroundProtocol, N>('background', name, payload);

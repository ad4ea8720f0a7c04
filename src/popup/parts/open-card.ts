import { createContext } from 'preact';

/** Opens the Guests tab on one address's card: from a result card or an activity entry. */
export const OpenCard = createContext<(email: string) => void>(() => {});

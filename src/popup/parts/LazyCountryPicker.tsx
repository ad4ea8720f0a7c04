import { lazyView } from '../shell/lazy.tsx';

/** The country picker, fetched when a usage location is first asked for: its country list is not on the first screen. */
export const CountryPicker = lazyView(() => import('./CountryPicker.tsx').then((m) => m.CountryPicker));

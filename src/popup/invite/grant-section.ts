import type { JSX } from 'preact';
import type { InviteStart } from '../../common/operation.ts';
import type { PageData } from '../../common/page-data.ts';

/** What a section adds to the invitation: its grant, and a display name its own fields make (used when none was typed). */
export type GrantPayload = Partial<Pick<InviteStart, 'azure' | 'powerBi' | 'powerPlatform'>> & { displayName?: string };

/**
 * One service's part of the invite form, which maps over a list of them (grant-sections.ts). The form keeps each
 * section's state and hands it back only to the section it came from. Written as methods, so that sections of
 * different states make one list (a method's parameters are compared both ways).
 */
export interface GrantSection<S> {
  /** The section's first state on this page, or null when the page offers nothing of it. */
  when(page: PageData): S | null;
  Section(props: { state: S; onState(state: S): void }): JSX.Element;
  /** Whether the choice lets the invitation go ahead. */
  ready(state: S): boolean;
  payload(state: S): GrantPayload;
}

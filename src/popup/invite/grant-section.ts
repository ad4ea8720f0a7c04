import type { JSX } from 'preact';
import { uiLanguage } from '../../common/i18n.ts';
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
  /** Why the choice cannot go ahead as it is, in words for the action bar, or null when it can. */
  problem(state: S): string | null;
  /**
   * Its part of the action bar's sentence, said after "Invite sam@northwind.example and": "make them eligible for
   * Reader on stdata01 until Dec 14, 2026". Null when it adds nothing; asked only while `problem` is null.
   */
  sentence(state: S): string | null;
  payload(state: S): GrantPayload;
}

/** "a, b and c" in the browser's language: a section's several grants as one part of the sentence. */
export const andList = (parts: string[]) => new Intl.ListFormat(uiLanguage(), { type: 'conjunction' }).format(parts);

import { t } from '../common/i18n.ts';

/** Characters Graph refuses in `invitedUserEmailAddress` (learn: invitation resource type). */
const FORBIDDEN = /[~!#$%^&*()+=[\]{}\\/|;:"<>?,]/;

export type EmailProblem = 'empty' | 'forbidden_character' | 'malformed';

/** Why an address cannot be invited, or null when Graph will accept it. */
export function emailProblem(email: string): { problem: EmailProblem; character?: string } | null {
  const value = email.trim();
  if (!value) return { problem: 'empty' };
  const bad = FORBIDDEN.exec(value);
  if (bad) return { problem: 'forbidden_character', character: bad[0] };
  if (!/^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(value)) return { problem: 'malformed' };
  return null;
}

export function describeEmailProblem(p: NonNullable<ReturnType<typeof emailProblem>>): string {
  switch (p.problem) {
    case 'empty':
      return t('emailEmpty');
    case 'forbidden_character':
      return t('emailForbiddenCharacter', p.character ?? '');
    case 'malformed':
      return t('emailMalformed');
  }
}

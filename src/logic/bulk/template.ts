/**
 * Entra's bulk-invite template: its version row and header row as the portal's "Download a CSV template" gives them
 * (Users > Bulk operations > Bulk invite). The bulk view offers it as a download, and the results file starts with the
 * same columns in the same order, so a results file fixed in a spreadsheet is read again like the template.
 */
export const ENTRA_TEMPLATE_COLUMNS = [
  'Email address to invite [inviteeEmail] Required',
  'Redirection url [inviteRedirectURL] Required',
  'Send invitation message (true or false) [sendEmail]',
  'Customized invitation message [customizedMessageBody]',
] as const;

export const ENTRA_TEMPLATE = `version:v1.0\r\n${ENTRA_TEMPLATE_COLUMNS.join(',')}\r\n`;

/** The file name Entra's portal gives the template. */
export const ENTRA_TEMPLATE_FILE = 'UserInviteTemplate.csv';

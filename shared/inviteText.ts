// The words of an invitation, for the Invite panel's text file and e-mail: pure, so both say the same.

export interface InviteLine {
  title: string;
  url: string;
  /** Who should get it and what it does, in one short sentence. */
  note: string;
}

export interface Invite {
  eventTitle: string;
  joinCode: string;
  participantUrl: string;
  /** Secret links this browser knows, in the order the panel shows them. */
  secret: InviteLine[];
}

export function inviteText(invite: Invite): string {
  const lines = [
    `Roundtable: ${invite.eventTitle}`,
    '',
    'Participants',
    `Join at ${invite.participantUrl}`,
    `or enter the code ${invite.joinCode} on the home page.`,
  ];
  for (const link of invite.secret) lines.push('', link.title, link.note, link.url);
  if (invite.secret.length > 0) {
    lines.push('', 'Keep the secret links to yourself and the people named: anyone with one can run the event. A link that is stopped or replaced no longer works.');
  }
  return `${lines.join('\n')}\n`;
}

/** A mailto: address with the invitation as subject and body (the person picks the recipients). */
export function inviteMailto(invite: Invite): string {
  const subject = `Roundtable links: ${invite.eventTitle}`;
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(inviteText(invite))}`;
}

/** A file name from the event title that every system accepts. */
export function inviteFileName(eventTitle: string): string {
  const base = eventTitle
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .toLowerCase();
  return `${base || 'event'}-links.txt`;
}

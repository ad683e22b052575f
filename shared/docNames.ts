// Yjs document names. The server derives permissions from the token, and only uses these to find the doc.
export type DocRef = { kind: 'board'; eventId: string; roomId: string } | { kind: 'summary'; eventId: string };

const idPattern = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function boardDocName(eventId: string, roomId: string): string {
  return `board.${eventId}.${roomId}`;
}

export function summaryDocName(eventId: string): string {
  return `summary.${eventId}`;
}

export function parseDocName(name: string): DocRef | null {
  const parts = name.split('.');
  if (parts[0] === 'board' && parts.length === 3 && isId(parts[1]) && isId(parts[2])) {
    return { kind: 'board', eventId: parts[1], roomId: parts[2] };
  }
  if (parts[0] === 'summary' && parts.length === 2 && isId(parts[1])) {
    return { kind: 'summary', eventId: parts[1] };
  }
  return null;
}

export function isId(value: string | undefined): value is string {
  return value !== undefined && idPattern.test(value);
}

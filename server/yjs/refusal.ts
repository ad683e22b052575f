import type { CloseReasonName } from '../../shared/closeCodes';

/**
 * Why a connection's message was refused. Guards throw it where they find the problem; the connection
 * closes in one place (docConnection.ts) with the matching code from shared/closeCodes.ts.
 */
export class Refusal extends Error {
  constructor(
    readonly reason: CloseReasonName,
    message: string,
  ) {
    super(message);
  }
}

export function refuse(reason: CloseReasonName, message: string): never {
  throw new Refusal(reason, message);
}

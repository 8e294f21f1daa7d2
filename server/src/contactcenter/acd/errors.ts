// Refusals of the ACD. A command that is refused changes nothing: every check runs before any
// state is touched, so the CTI layer can report the error and carry on.

export const ACD_ERROR_CODES = [
  'UNKNOWN_QUEUE',
  'UNKNOWN_AGENT',
  'UNKNOWN_INTERACTION',
  'UNKNOWN_REASON',
  'DUPLICATE_INTERACTION',
  'ALREADY_LOGGED_IN',
  'NOT_LOGGED_IN',
  'CHANNEL_NOT_ACCEPTED',
  'NOT_OFFERED',
  'NO_CAPACITY',
  'AGENT_BUSY',
  'INVALID_STATE',
] as const;
export type AcdErrorCode = (typeof ACD_ERROR_CODES)[number];

export class AcdError extends Error {
  override readonly name = 'AcdError';
  constructor(
    readonly code: AcdErrorCode,
    message: string,
  ) {
    super(message);
  }
}

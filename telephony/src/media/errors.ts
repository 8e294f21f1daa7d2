// Errors of the media layer. Bad arguments throw TypeError/RangeError (programming mistakes);
// using a closed object throws InvalidStateError; operational failures that a caller is expected
// to handle (no free port, file unreadable) are MediaError with a stable code.

export class InvalidStateError extends Error {
  override readonly name = 'InvalidStateError';
}

export type MediaErrorCode = 'PORTS_EXHAUSTED' | 'BIND_FAILED' | 'BAD_WAV' | 'FILE_IO';

export class MediaError extends Error {
  override readonly name = 'MediaError';
  readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

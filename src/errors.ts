/** Identifiers of the failures Newsdesk expects and explains to its users. */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CORPUS_MISSING'
  | 'CORPUS_EMPTY'
  | 'INDEX_MISSING'
  | 'INDEX_CORRUPT'
  | 'INDEX_OUTDATED'
  | 'INDEX_WRITE_FAILED'
  | 'REFRESH_BUSY'
  | 'MODEL_UNAVAILABLE'
  | 'QUESTION_INVALID'
  | 'ARTICLE_UNKNOWN'
  | 'UPLOAD_REFUSED'
  | 'INPUT_MISSING'
  | 'INPUT_INVALID'
  | 'OUTPUT_FAILED'
  | 'DISCORD_UNREACHABLE'
  | 'DISCORD_HOST_UNKNOWN'
  | 'TOKEN_REJECTED';

/**
 * An expected failure: `code` says which, `message` is fit to show a user, `cause` keeps the
 * original error and its stack for the log.
 */
export class NewsdeskError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NewsdeskError';
    this.code = code;
  }
}

export function isNewsdeskError(error: unknown, code?: ErrorCode): error is NewsdeskError {
  return error instanceof NewsdeskError && (code === undefined || error.code === code);
}

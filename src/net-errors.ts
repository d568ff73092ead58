import { NewsdeskError } from './errors.ts';

/** Errno codes of a host name that does not resolve. */
const HOST_UNKNOWN = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);

/** Codes of a server that cannot be reached, or that stopped answering (Node's and undici's). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** Error names of a request given up after its time limit. */
const TIMED_OUT = new Set(['AbortError', 'TimeoutError']);

/**
 * The network failure behind `error`: `host-unknown` (DNS), `unreachable` (refused, timed out,
 * no route) with the code that says so, or null for any other error. Looks through `cause`
 * chains and AggregateErrors, where fetch and happy-eyeballs connections put the real reason.
 */
export function networkFailure(error: unknown): { kind: 'host-unknown' | 'unreachable'; code: string } | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const { code, name, cause, errors } = next as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && HOST_UNKNOWN.has(code)) return { kind: 'host-unknown', code };
    if (typeof code === 'string' && UNREACHABLE.has(code)) return { kind: 'unreachable', code };
    if (typeof name === 'string' && TIMED_OUT.has(name)) return { kind: 'unreachable', code: name };
    queue.push(cause, ...(Array.isArray(errors) ? errors : []));
  }
  return null;
}

/**
 * Discord (or the server at DISCORD_API_URL, `apiUrl`) could not be reached: a NewsdeskError
 * `DISCORD_HOST_UNKNOWN` or `DISCORD_UNREACHABLE` saying what to check, or null when `error`
 * is not a network failure.
 */
export function discordUnreachable(error: unknown, apiUrl: string | null): NewsdeskError | null {
  const failure = networkFailure(error);
  if (failure === null) return null;
  const where = apiUrl ?? 'discord.com';
  const check = apiUrl === null ? 'Check the network connection (and any proxy or firewall).' : 'Check DISCORD_API_URL and that the server there is running.';
  return failure.kind === 'host-unknown'
    ? new NewsdeskError('DISCORD_HOST_UNKNOWN', `Discord cannot be reached: the host name of ${where} does not resolve (${failure.code}). ${check}`, { cause: error })
    : new NewsdeskError('DISCORD_UNREACHABLE', `Discord cannot be reached at ${where} (${failure.code}). ${check}`, { cause: error });
}

/** Discord refused DISCORD_TOKEN: a NewsdeskError `TOKEN_REJECTED` saying where to get it again. */
export function tokenRejected(how: string, cause?: unknown): NewsdeskError {
  return new NewsdeskError('TOKEN_REJECTED', `DISCORD_TOKEN: ${how}. Copy it again from the developer portal (Bot > Reset Token).`, { cause });
}

import { NewsdeskError } from '../errors.ts';

export interface DownloadOptions {
  /** Bytes at most; the download stops as soon as it passes them. */
  maxBytes: number;
  /** Milliseconds for the whole download. */
  timeoutMs: number;
}

/**
 * The bytes at `url` (http or https only), read as they arrive: a body that passes `maxBytes`
 * is abandoned at that point, whatever its Content-Length said, and the whole download is
 * bounded by `timeoutMs`. Throws NewsdeskError `UPLOAD_REFUSED` saying which.
 */
export async function downloadBytes(url: string, options: DownloadOptions): Promise<Buffer> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new NewsdeskError('UPLOAD_REFUSED', 'the attachment has no valid address', { cause });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new NewsdeskError('UPLOAD_REFUSED', 'the attachment is not served over http(s)');
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(parsed, { signal, redirect: 'follow' });
    if (!response.ok || !response.body) throw new NewsdeskError('UPLOAD_REFUSED', `the attachment could not be fetched (HTTP ${response.status})`);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      await response.body.cancel();
      throw tooLargeToDownload(options.maxBytes);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    for await (const chunk of response.body) {
      received += chunk.byteLength;
      if (received > options.maxBytes) throw tooLargeToDownload(options.maxBytes);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  } catch (cause) {
    if (cause instanceof NewsdeskError) throw cause;
    if (signal.aborted) throw new NewsdeskError('UPLOAD_REFUSED', `the attachment took longer than ${Math.round(options.timeoutMs / 1000)} s to fetch`, { cause });
    throw new NewsdeskError('UPLOAD_REFUSED', `the attachment could not be fetched (${(cause as Error).message})`, { cause });
  }
}

/** The refusal of a file over the size limit, whether announced or found while reading. */
export function tooLargeToDownload(maxBytes: number): NewsdeskError {
  return new NewsdeskError('UPLOAD_REFUSED', `the attachment is larger than MAX_FILE_BYTES (${(maxBytes / 1024 / 1024).toFixed(1)} MiB)`);
}

/** @module Local stack (HTTP edge): reads a request body as received, with a size cap. */
import type { IncomingMessage } from 'node:http';

export interface RawBody {
  text: string;
  /** The body was longer than the limit; `text` is then empty. */
  tooLarge: boolean;
  bytes: number;
}

/**
 * Reads to the end even past the limit (discarding the rest), so the client is not cut off
 * mid-upload and always gets the 400 that explains why.
 */
export async function readRawBody(req: IncomingMessage, limitBytes: number): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    bytes += buffer.length;
    if (bytes <= limitBytes) chunks.push(buffer);
    else chunks.length = 0;
  }
  if (bytes > limitBytes) return { text: '', tooLarge: true, bytes };
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false, bytes };
}

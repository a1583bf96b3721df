import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../core/api/dispatch';
import { IMPORT_MAX_CHARS, IMPORT_MAX_TEXT } from '../core/domain/import-limits';
import { sendApiError, sendJson } from './responses';

/** The cap of every call but the imports: ample for any form, refused unread above it. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
/**
 * The imports carry a whole file, JSON-escaped in the arguments (a quote or a line break takes
 * two characters): a fifth more than the file's own cap. Still below V8's longest string
 * (2^29 − 24), since the body is read as one string.
 */
export const MAX_IMPORT_BODY_BYTES = Math.floor(IMPORT_MAX_CHARS * 1.2);
/** What is read and discarded of a refused body before the answer goes out anyway and the connection closes. */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;

interface BodyCap {
  bytes: number;
  /** The cap as the refusal says it. */
  text: string;
}

/** The call's body cap: an import file may be large, nothing else needs to be. */
function bodyCapFor(method: string): BodyCap {
  return method === 'importData' || method === 'importBackup'
    ? { bytes: MAX_IMPORT_BODY_BYTES, text: `an import file of ${IMPORT_MAX_TEXT}` }
    : { bytes: MAX_BODY_BYTES, text: '6 MiB' };
}

/** `POST /api/<method>` with a JSON array of the arguments: 200 `{result}` or an error status with `{error}`. */
export async function handleApiCall(
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  dispatch: Dispatch,
): Promise<void> {
  if (request.method !== 'POST') {
    response.setHeader('Allow', 'POST');
    return sendApiError(response, 'method_not_allowed', 'Call the API with POST.');
  }
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    await discardBody(request, response);
    return sendApiError(response, 'unsupported_media_type', 'Send the arguments as application/json.');
  }
  const cap = bodyCapFor(method);
  const body = await readBody(request, cap.bytes);
  if (body === 'tooLarge') {
    await discardBody(request, response);
    return sendApiError(
      response,
      'too_large',
      `The request is too large (${cap.text} at most), so nothing was read or changed.`,
    );
  }
  let args: unknown;
  try {
    args = JSON.parse(body);
  } catch {
    return sendApiError(response, 'invalid_input', 'The request body is not valid JSON.');
  }
  const outcome = await dispatch(method, args);
  if (outcome.ok) sendJson(response, 200, { result: outcome.result ?? null });
  else sendJson(response, outcome.status, { error: outcome.error });
}

/** The body as text, or 'tooLarge' as soon as it passes the cap (by its Content-Length or as it arrives). */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | 'tooLarge'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.resolve('tooLarge');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        chunks.length = 0;
        resolve('tooLarge');
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * Reads and discards the rest of a refused body, up to a bound, before the answer goes out:
 * a client that sends its whole request before it reads (many do) would otherwise meet a
 * closed connection, a broken pipe instead of the status. The connection closes after the answer.
 */
function discardBody(request: IncomingMessage, response: ServerResponse): Promise<void> {
  response.setHeader('Connection', 'close');
  if (request.complete) return Promise.resolve();
  return new Promise((resolve) => {
    let drained = 0;
    const done = () => {
      request.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > DRAIN_LIMIT_BYTES) done();
    };
    request.on('data', onData);
    request.once('end', done);
    request.once('error', done);
    request.once('close', done);
    request.resume();
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Dispatch } from '../core/api/dispatch';
import { sendApiError, sendJson } from './responses';

/** One cap for every call: an import file of 5 MB, JSON-escaped, fits; anything bigger is refused unread. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;
/** What is read and discarded of a refused body before the answer goes out anyway and the connection closes. */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;

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
  const body = await readBody(request);
  if (body === 'tooLarge') {
    await discardBody(request, response);
    return sendApiError(response, 'too_large', 'The request is too large (6 MiB at most).');
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
function readBody(request: IncomingMessage): Promise<string | 'tooLarge'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve('tooLarge');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off('data', onData);
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

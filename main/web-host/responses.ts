import type { ServerResponse } from 'node:http';
import { apiFailure } from '../core/api/api-errors';
import { CONTENT_SECURITY_POLICY } from '../core/api/content-types';
import type { ErrorCode } from '../core/domain';

/** On every answer: the CSP, no sniffing, no referrer (the page's URL holds the token), no embedding elsewhere. */
export function setSecurityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** An error answer, with the status its code stands for. */
export function sendApiError(response: ServerResponse, code: ErrorCode, message: string): void {
  const { status, error } = apiFailure(code, message);
  sendJson(response, status, { error });
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-store',
  });
  response.end(html);
}

/** A page of one heading and one sentence, for when the window itself cannot be shown. */
export function messagePage(title: string, sentence: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} · TokenTray</title></head>` +
    `<body><h1>${escape(title)}</h1><p>${escape(sentence)}</p></body></html>\n`
  );
}

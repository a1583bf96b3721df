import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where a running TokenTray tells the `tokentray` command how to reach it. */
export const INSTANCE_FILE_NAME = 'instance.json';

export interface InstanceAddress {
  /** `http://127.0.0.1:PORT`: the local API answers `POST /api/<method>` there. */
  origin: string;
  /** The per-launch session token, sent as the `x-tokentray-token` header. */
  token: string;
  pid: number;
}

export function instanceFilePath(profileDir: string): string {
  return join(profileDir, INSTANCE_FILE_NAME);
}

/**
 * Written whole (a temporary file renamed over it) with mode 0600: the session token
 * opens the API, so only this user may read it.
 */
export function writeInstanceFile(profileDir: string, address: InstanceAddress): void {
  const path = instanceFilePath(profileDir);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(address)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Removes the file if it is still this instance's (a newer instance may have replaced it). */
export function removeInstanceFile(profileDir: string, token: string): void {
  if (readInstanceFile(profileDir)?.token === token) rmSync(instanceFilePath(profileDir), { force: true });
}

/** The address a running instance left, or undefined when there is none or it cannot be read. */
export function readInstanceFile(profileDir: string): InstanceAddress | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(instanceFilePath(profileDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { origin, token, pid } = parsed as Record<string, unknown>;
  if (typeof origin !== 'string' || !/^http:\/\/127\.0\.0\.1:\d{1,5}$/.test(origin)) return undefined;
  if (typeof token !== 'string' || token.length < 16) return undefined;
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  return { origin, token, pid };
}

/**
 * Tells the `tokentray` command where this instance's API answers; the returned function
 * takes it back (on stop). A file left by a killed instance is recognised by its dead pid.
 */
export function publishInstance(profileDir: string, port: number, token: string): () => void {
  writeInstanceFile(profileDir, { origin: `http://127.0.0.1:${port}`, token, pid: process.pid });
  return () => removeInstanceFile(profileDir, token);
}

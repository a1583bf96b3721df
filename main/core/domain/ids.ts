import { randomUUID } from 'node:crypto';

/** Milliseconds since the Unix epoch, always absolute (never a duration). */
export type EpochMs = number;
/** A duration in milliseconds. */
export type DurationMs = number;

export type PartnerId = string;
export type ConnectionId = string;

export function newId(): string {
  return randomUUID();
}

import type { z } from 'zod';
import type { ApiMethod } from '../../main/core/api/api-methods';
import { API_INPUTS } from '../../main/core/api/api-inputs';
import { API_METHODS } from '../../main/core/api/api-methods';
import { RecordIdSchema } from '../../main/core/domain/record-id';

/** Names every plain object answers to, and other ids no TokenTray record can have. */
export const HOSTILE_IDS = [
  '__proto__',
  'constructor',
  'valueOf',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  '__defineGetter__',
  'prototype',
  '',
  ' ',
  '../../etc/passwd',
  '0b8e4a52-6c1d-4d0e-9c39-3f2a9a1b7e10\n',
] as const;

/** Times outside what TokenTray keeps (before 2000, past the year 9999, past JavaScript's dates). */
export const HOSTILE_TIMES = [
  9007199254740991,
  8640000000000001,
  8640000000000000,
  253402300800000,
  -1,
  0,
  1,
  946684799999,
  1e21,
  Number.MAX_VALUE,
] as const;

/** The positions of a method's arguments that are record ids, read from its input schema. */
export function idPositions(method: ApiMethod): number[] {
  const items = (API_INPUTS[method] as unknown as { def: { items: z.ZodType[] } }).def.items;
  return items.flatMap((item, index) => (item === RecordIdSchema ? [index] : []));
}

/** Every method that takes a record id as an argument of its own. */
export const ID_TAKING_METHODS = API_METHODS.filter((method) => idPositions(method).length > 0);

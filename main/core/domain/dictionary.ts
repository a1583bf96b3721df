/**
 * Records filed by id, with no prototype: reading or writing `__proto__`, `constructor` or
 * `valueOf` touches an own entry or nothing, never a member every object inherits.
 */
export type Dictionary<T> = Record<string, T>;

export function dictionary<T>(entries: Readonly<Record<string, T>> = {}): Dictionary<T> {
  const result = Object.create(null) as Dictionary<T>;
  for (const [key, value] of Object.entries(entries)) result[key] = value;
  return result;
}

/** The entry filed under `key` in this very object, never one inherited from its prototype. */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets an own entry even for a key such as `__proto__`, whose plain assignment would replace the prototype. */
export function putOwn<T>(record: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` has a setter (inherited from Object.prototype); every other key is a plain
  // own property, and assigning it is about twice as fast as defining it (start-up files ten thousands).
  if (key !== '__proto__') record[key] = value;
  else Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

import type { OpenedDamage } from './store-file';

/**
 * The small store contract for non-secret metadata. `conf` satisfies it in plain
 * Node (browser host, tests) and electron-store, built on conf, in the Electron
 * shell, so both persist the same file format. Secrets never go into it.
 */
export interface MetadataStore<T extends Record<string, unknown>> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
  /**
   * Several keys in one write of the file. `checked`: the values are every key the file holds,
   * all checked or built by the core, so the text written may be recorded as checked.
   */
  setMany(values: Partial<T>, options?: { checked?: boolean }): void;
  /** Every key in one read (conf and electron-store re-read the file on each get). */
  readAll(): Partial<T>;
  /**
   * The whole store as checked when it was opened, handed over once so that start-up
   * does not read and validate a large profile a second time. Undefined after that,
   * or where the opener checked nothing.
   */
  takeOpenedData?(): T | undefined;
  /** Records the opener found damaged and left out of that data, and where it copied the file. */
  readonly openedDamage?: OpenedDamage;
  readonly path: string;
}

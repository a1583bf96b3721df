/**
 * The small store contract for non-secret metadata. `conf` satisfies it in plain
 * Node (browser host, tests) and electron-store, built on conf, in the Electron
 * shell, so both persist the same file format. Secrets never go into it.
 */
export interface MetadataStore<T extends Record<string, unknown>> {
  get<K extends keyof T>(key: K): T[K];
  set<K extends keyof T>(key: K, value: T[K]): void;
  /** Several keys in one write of the file. */
  setMany(values: Partial<T>): void;
  readonly path: string;
}

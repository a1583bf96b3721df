import type { MetadataStore } from '../../../main/core/store/metadata-store';
import type { StoreData } from '../../../main/core/store/schema';
import { nowMs } from '../support/stats';

/**
 * The metadata store, passed through, counting its writes and the main-thread
 * time they take: conf rewrites the whole file on every write.
 */
export class TimedStore implements MetadataStore<StoreData> {
  writes = 0;
  writeMs = 0;

  constructor(private readonly store: MetadataStore<StoreData>) {}

  get path(): string {
    return this.store.path;
  }

  get<K extends keyof StoreData>(key: K): StoreData[K] {
    return this.store.get(key);
  }

  readAll(): Partial<StoreData> {
    return this.store.readAll();
  }

  takeOpenedData(): StoreData | undefined {
    return this.store.takeOpenedData?.();
  }

  set<K extends keyof StoreData>(key: K, value: StoreData[K]): void {
    const started = nowMs();
    try {
      this.store.set(key, value);
    } finally {
      this.writes += 1;
      this.writeMs += nowMs() - started;
    }
  }

  setMany(values: Partial<StoreData>): void {
    const started = nowMs();
    try {
      this.store.setMany(values);
    } finally {
      this.writes += 1;
      this.writeMs += nowMs() - started;
    }
  }

  reset(): void {
    this.writes = 0;
    this.writeMs = 0;
  }
}

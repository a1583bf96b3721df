/** One planned key and when it is due. */
export interface DueEntry {
  key: string;
  dueAt: number;
}

interface HeapEntry extends DueEntry {
  /** Breaks ties between equal due times: first planned, first due. */
  order: number;
}

/**
 * An indexed binary min-heap of due times: push, update and remove by key in
 * O(log n), the earliest in O(1). Thousands of connections share one timer
 * through it, so nothing here may scan all entries.
 */
export class DueQueue {
  private readonly heap: HeapEntry[] = [];
  private readonly indexOf = new Map<string, number>();
  private nextOrder = 0;

  /** Plans `key` at `dueAt`, replacing any earlier plan for it. */
  set(key: string, dueAt: number): void {
    if (Number.isNaN(dueAt)) throw new RangeError('A due time must be a number');
    const order = this.nextOrder++;
    const index = this.indexOf.get(key);
    if (index === undefined) {
      this.heap.push({ key, dueAt, order });
      this.indexOf.set(key, this.heap.length - 1);
      this.siftUp(this.heap.length - 1);
      return;
    }
    const entry = this.heap[index]!;
    entry.dueAt = dueAt;
    entry.order = order;
    this.restore(index);
  }

  delete(key: string): boolean {
    const index = this.indexOf.get(key);
    if (index === undefined) return false;
    this.removeAt(index);
    return true;
  }

  get(key: string): number | undefined {
    const index = this.indexOf.get(key);
    return index === undefined ? undefined : this.heap[index]!.dueAt;
  }

  has(key: string): boolean {
    return this.indexOf.has(key);
  }

  peek(): DueEntry | undefined {
    const top = this.heap[0];
    return top && { key: top.key, dueAt: top.dueAt };
  }

  pop(): DueEntry | undefined {
    if (this.heap.length === 0) return undefined;
    const { key, dueAt } = this.removeAt(0);
    return { key, dueAt };
  }

  get size(): number {
    return this.heap.length;
  }

  private removeAt(index: number): HeapEntry {
    const removed = this.heap[index]!;
    const last = this.heap.pop()!;
    this.indexOf.delete(removed.key);
    if (index < this.heap.length) {
      this.place(last, index);
      this.restore(index);
    }
    return removed;
  }

  /** Moves the entry at `index` up or down until the heap order holds again. */
  private restore(index: number): void {
    if (!this.siftUp(index)) this.siftDown(index);
  }

  private siftUp(index: number): boolean {
    const entry = this.heap[index]!;
    let at = index;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = this.heap[parentAt]!;
      if (!earlier(entry, parent)) break;
      this.place(parent, at);
      at = parentAt;
    }
    this.place(entry, at);
    return at !== index;
  }

  private siftDown(index: number): void {
    const entry = this.heap[index]!;
    const length = this.heap.length;
    let at = index;
    for (;;) {
      const leftAt = 2 * at + 1;
      if (leftAt >= length) break;
      const rightAt = leftAt + 1;
      const childAt = rightAt < length && earlier(this.heap[rightAt]!, this.heap[leftAt]!) ? rightAt : leftAt;
      const child = this.heap[childAt]!;
      if (!earlier(child, entry)) break;
      this.place(child, at);
      at = childAt;
    }
    this.place(entry, at);
  }

  private place(entry: HeapEntry, index: number): void {
    this.heap[index] = entry;
    this.indexOf.set(entry.key, index);
  }
}

function earlier(a: HeapEntry, b: HeapEntry): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order);
}

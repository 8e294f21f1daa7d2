// An indexed binary min-heap over nodes with four numeric keys compared in order. Nodes know their
// own position, so removing or re-keying any node is O(log n) — the ACD keeps every ready agent
// and every waiting interaction in such heaps and must take out arbitrary members (an agent goes
// not ready, a citizen hangs up) without scanning.

export interface HeapNode {
  /** Index in the heap's array; -1 when not in a heap. */
  pos: number;
  k0: number;
  k1: number;
  k2: number;
  k3: number;
}

export function before(a: HeapNode, b: HeapNode): boolean {
  if (a.k0 !== b.k0) return a.k0 < b.k0;
  if (a.k1 !== b.k1) return a.k1 < b.k1;
  if (a.k2 !== b.k2) return a.k2 < b.k2;
  return a.k3 < b.k3;
}

export class KeyHeap<N extends HeapNode> {
  readonly #a: N[] = [];

  get size(): number {
    return this.#a.length;
  }

  peek(): N | undefined {
    return this.#a[0];
  }

  /** The nodes in heap (not sorted) order, for snapshots and consistency checks. */
  nodes(): readonly N[] {
    return this.#a;
  }

  push(n: N): void {
    if (n.pos !== -1) throw new Error('node is already in a heap');
    n.pos = this.#a.length;
    this.#a.push(n);
    this.#up(n.pos);
  }

  pop(): N | undefined {
    const top = this.#a[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  remove(n: N): void {
    const i = n.pos;
    if (i < 0 || this.#a[i] !== n) throw new Error('node is not in this heap');
    const last = this.#a.pop()!;
    n.pos = -1;
    if (last === n) return;
    this.#a[i] = last;
    last.pos = i;
    this.#down(i);
    this.#up(last.pos);
  }

  /** Restores order after `n`'s keys changed. */
  update(n: N): void {
    this.#up(n.pos);
    this.#down(n.pos);
  }

  /** True when every parent comes before its children and positions are right. */
  isValid(): boolean {
    const a = this.#a;
    for (let i = 0; i < a.length; i++) {
      if (a[i]!.pos !== i) return false;
      if (i > 0 && before(a[i]!, a[(i - 1) >> 1]!)) return false;
    }
    return true;
  }

  #up(i: number): void {
    const a = this.#a;
    const n = a[i]!;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = a[p]!;
      if (!before(n, parent)) break;
      a[i] = parent;
      parent.pos = i;
      i = p;
    }
    a[i] = n;
    n.pos = i;
  }

  #down(i: number): void {
    const a = this.#a;
    const len = a.length;
    const n = a[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= len) break;
      const r = l + 1;
      const c = r < len && before(a[r]!, a[l]!) ? r : l;
      const child = a[c]!;
      if (!before(child, n)) break;
      a[i] = child;
      child.pos = i;
      i = c;
    }
    a[i] = n;
    n.pos = i;
  }
}

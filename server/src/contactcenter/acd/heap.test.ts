import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { before, KeyHeap, type HeapNode } from './heap.ts';

interface N extends HeapNode {
  id: number;
}

describe('KeyHeap', () => {
  it('agrees with a sorted list under random pushes, removals, pops and re-keying', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('push' as const), keys: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 4, maxLength: 4 }) }),
      fc.record({ k: fc.constant('remove' as const), i: fc.nat() }),
      fc.record({ k: fc.constant('pop' as const) }),
      fc.record({ k: fc.constant('rekey' as const), i: fc.nat(), k1: fc.integer({ min: 0, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new KeyHeap<N>();
        const inHeap: N[] = [];
        let id = 0;
        for (const o of ops) {
          if (o.k === 'push') {
            const [k0, k1, k2] = o.keys as [number, number, number];
            const n: N = { pos: -1, k0, k1, k2, k3: id, id: id++ };
            heap.push(n);
            inHeap.push(n);
          } else if (o.k === 'remove' && inHeap.length) {
            const [n] = inHeap.splice(o.i % inHeap.length, 1);
            heap.remove(n!);
            expect(n!.pos).toBe(-1);
          } else if (o.k === 'pop') {
            const sorted = [...inHeap].sort((a, b) => (before(a, b) ? -1 : 1));
            const top = heap.pop();
            expect(top).toBe(sorted[0]);
            if (top) inHeap.splice(inHeap.indexOf(top), 1);
          } else if (o.k === 'rekey' && inHeap.length) {
            const n = inHeap[o.i % inHeap.length]!;
            n.k1 = o.k1;
            heap.update(n);
          }
          expect(heap.isValid()).toBe(true);
          expect(heap.size).toBe(inHeap.length);
        }
      }),
    );
  });

  it('refuses a node that is already in a heap, and removing one that is not', () => {
    const heap = new KeyHeap<N>();
    const n: N = { pos: -1, k0: 0, k1: 0, k2: 0, k3: 0, id: 0 };
    heap.push(n);
    expect(() => heap.push(n)).toThrow();
    heap.remove(n);
    expect(() => heap.remove(n)).toThrow();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { TypedEmitter } from './events.ts';

class Thing extends TypedEmitter<{ dtmf: [digit: string, via: string]; close: [] }> {}

describe('TypedEmitter', () => {
  const original = TypedEmitter.onListenerError;
  afterEach(() => (TypedEmitter.onListenerError = original));

  it('calls listeners in order with the typed arguments; once() fires once', () => {
    const t = new Thing();
    const got: string[] = [];
    t.on('dtmf', (d, via) => got.push(`a${d}${via}`));
    t.once('dtmf', (d) => got.push(`b${d}`));
    expect(t.emit('dtmf', '5', 'x')).toBe(true);
    t.emit('dtmf', '6', 'y');
    expect(got).toEqual(['a5x', 'b5', 'a6y']);
    expect(t.emit('close')).toBe(false);
  });

  it('a throwing listener does not stop the others nor reach the emitter', () => {
    const errors: string[] = [];
    TypedEmitter.onListenerError = (e, ev) => errors.push(`${ev}:${(e as Error).message}`);
    const t = new Thing();
    let after = 0;
    t.on('close', () => {
      throw new Error('bad listener');
    });
    t.on('close', () => after++);
    expect(() => t.emit('close')).not.toThrow();
    expect(after).toBe(1);
    expect(errors).toEqual(['close:bad listener']);
  });

  it('off() and removeAllListeners() detach; removal during emit does not skip anyone', () => {
    const t = new Thing();
    const got: number[] = [];
    const second = () => got.push(2);
    t.on('close', () => {
      got.push(1);
      t.off('close', second);
    });
    t.on('close', second);
    t.emit('close');
    t.emit('close');
    expect(got).toEqual([1, 2, 1]);
    t.removeAllListeners();
    expect(t.listenerCount('close')).toBe(0);
  });
});

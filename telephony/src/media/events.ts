// A small typed event emitter for the media tree (mediasoup's EnhancedEventEmitter, without the
// dependency on node:events semantics that make one throwing listener abort the others).
//
// Events are declared as a map from name to argument tuple:
//   class RtpSession extends TypedEmitter<{ dtmf: [digit: string]; close: [] }> { ... }
// A listener that throws does not propagate into the emitter (which is usually in the middle of
// a pacer tick or a socket callback): the error goes to `TypedEmitter.onListenerError`.

export type EventMap<E> = { [K in keyof E]: unknown[] };
// Stored untyped: the public methods are what tie each listener to its event's arguments.
type Listener = (...args: any[]) => void;

export class TypedEmitter<E extends EventMap<E>> {
  /** Where listener exceptions go; tests and the engine may replace it. */
  static onListenerError: (error: unknown, event: string) => void = (error, event) => {
    process.emitWarning(`listener for "${event}" threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`, 'MediaListenerError');
  };

  readonly #listeners = new Map<keyof E, Listener[]>();

  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): this {
    const list = this.#listeners.get(event);
    if (list) list.push(listener as Listener);
    else this.#listeners.set(event, [listener as Listener]);
    return this;
  }

  once<K extends keyof E>(event: K, listener: (...args: E[K]) => void): this {
    const wrapper = (...args: E[K]): void => {
      this.off(event, wrapper);
      listener(...args);
    };
    return this.on(event, wrapper);
  }

  off<K extends keyof E>(event: K, listener: (...args: E[K]) => void): this {
    const list = this.#listeners.get(event);
    if (!list) return this;
    const i = list.indexOf(listener as Listener);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#listeners.delete(event);
    return this;
  }

  removeAllListeners(event?: keyof E): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event` in order; returns whether there was any. Never throws. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.#listeners.get(event);
    if (!list) return false;
    // A copy, so that listeners added or removed during the emit do not disturb this round.
    for (const listener of list.length === 1 ? list : list.slice()) {
      try {
        listener(...args);
      } catch (error) {
        TypedEmitter.onListenerError(error, String(event));
      }
    }
    return true;
  }
}

// A typed event emitter for the SIP objects (calls, sessions, the endpoint): events are declared
// as a map from name to argument tuple, and a listener that throws does not propagate into the
// emitter (which is usually inside a socket callback): it goes to `Emitter.onListenerError`.

type Listener = (...args: never[]) => void;

export class Emitter<E extends { [K in keyof E]: unknown[] }> {
  static onListenerError: (error: unknown, event: string) => void = (error, event) => {
    process.emitWarning(`listener for "${event}" threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, 'SipListenerError');
  };

  readonly #listeners = new Map<keyof E, Listener[]>();

  on<K extends keyof E>(event: K, fn: (...args: E[K]) => void): this {
    const list = this.#listeners.get(event) ?? [];
    list.push(fn as unknown as Listener);
    this.#listeners.set(event, list);
    return this;
  }

  once<K extends keyof E>(event: K, fn: (...args: E[K]) => void): this {
    const wrapper = (...args: E[K]): void => {
      this.off(event, wrapper);
      fn(...args);
    };
    return this.on(event, wrapper);
  }

  off<K extends keyof E>(event: K, fn: (...args: E[K]) => void): this {
    const list = this.#listeners.get(event);
    const i = list === undefined ? -1 : list.indexOf(fn as unknown as Listener);
    if (list !== undefined && i >= 0) list.splice(i, 1);
    return this;
  }

  listenerCount(event: keyof E): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls the listeners in order; returns whether there was any. Never throws. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.#listeners.get(event);
    if (list === undefined || list.length === 0) return false;
    for (const fn of [...list]) {
      try {
        (fn as unknown as (...a: E[K]) => void)(...args);
      } catch (error) {
        Emitter.onListenerError(error, String(event));
      }
    }
    return true;
  }

  /** Resolves with the event's arguments the next time it fires. */
  wait<K extends keyof E>(event: K): Promise<E[K]> {
    return new Promise((resolve) => this.once(event, (...args) => resolve(args)));
  }
}

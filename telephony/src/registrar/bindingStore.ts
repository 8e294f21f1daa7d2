import type { NameAddr } from '../sip/nameAddr.ts';
import type { Flow } from '../transport/types.ts';

// Registrations (RFC 3261 §10.3): an address of record (an extension such as "8001") bound to
// contacts until they expire. The registrar talks to a BindingStore so the server can keep them
// somewhere durable; the in-memory store here is what the engine runs with by default. Reads
// never return expired bindings.

export interface Binding {
  aor: string;
  contact: NameAddr;
  /** Epoch milliseconds. */
  expiresAt: number;
  callId: string;
  cseq: number;
  /** Where the REGISTER came from: calls to this contact go there (NAT, WebSocket). */
  flow: Flow;
  userAgent?: string;
}

export interface BindingStore {
  /** Live bindings of an AOR at `now`. */
  list(aor: string, now: number): Binding[];
  /** Replaces all bindings of an AOR (an empty list removes the AOR). */
  replace(aor: string, bindings: Binding[]): void;
  /** AORs with at least one binding (expired ones may linger until swept). */
  aors(): string[];
}

export class MemoryBindingStore implements BindingStore {
  readonly #byAor = new Map<string, Binding[]>();

  list(aor: string, now: number): Binding[] {
    const all = this.#byAor.get(aor);
    if (all === undefined) return [];
    const live = all.filter((b) => b.expiresAt > now);
    if (live.length !== all.length) this.replace(aor, live);
    return live;
  }

  replace(aor: string, bindings: Binding[]): void {
    if (bindings.length === 0) this.#byAor.delete(aor);
    else this.#byAor.set(aor, bindings);
  }

  aors(): string[] {
    return [...this.#byAor.keys()];
  }
}

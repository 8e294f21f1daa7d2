// The active version of each flow. The server loads flows from its database at start-up and again
// whenever an admin publishes one; load() validates first and swaps only a valid flow in. A call
// takes its flow with get() once, at the start, and keeps that (deeply frozen) object to the end,
// so a swap affects new calls only.

import type { Flow } from './flowSchema.ts';
import { validateFlow, type FlowValidation } from './validateFlow.ts';

export interface FlowInfo {
  id: string;
  name: string;
  version: number;
  loadedAt: Date;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export class FlowRegistry {
  readonly #active = new Map<string, { flow: Flow; loadedAt: Date }>();
  readonly #now: () => Date;

  constructor(opts: { now?: () => Date } = {}) {
    this.#now = opts.now ?? (() => new Date());
  }

  /**
   * Validates a flow document (JSON text or a parsed value) and, if valid, makes it the active
   * version of its id. An invalid document changes nothing. Any version may replace any other
   * (the server owns version history and may roll back); equal versions with different content
   * are refused, since the version is what a call's record points at.
   */
  load(document: unknown): FlowValidation {
    const result = validateFlow(document);
    if (!result.ok) return result;
    const current = this.#active.get(result.flow.id);
    if (current && current.flow.version === result.flow.version && JSON.stringify(current.flow) !== JSON.stringify(result.flow)) {
      return { ok: false, errors: [`version: flow "${result.flow.id}" version ${result.flow.version} is already loaded with different content; publish it as a new version`] };
    }
    this.#active.set(result.flow.id, { flow: deepFreeze(result.flow), loadedAt: this.#now() });
    return result;
  }

  /** The active version, frozen: hold on to it for the whole call. */
  get(id: string): Flow | undefined {
    return this.#active.get(id)?.flow;
  }

  /** Like get(), but throws when there is no such flow. */
  require(id: string): Flow {
    const flow = this.get(id);
    if (!flow) throw new RangeError(`no flow "${id}" is loaded`);
    return flow;
  }

  remove(id: string): boolean {
    return this.#active.delete(id);
  }

  list(): FlowInfo[] {
    return [...this.#active.values()].map(({ flow, loadedAt }) => ({ id: flow.id, name: flow.name, version: flow.version, loadedAt }));
  }
}

// Shared plumbing for verbs: the kill switch (an AbortController whose signal goes into every
// port operation) and "say this prompt".

import type { PlayResult } from '../callPort.ts';
import type { FlowNode, Prompts } from '../flowSchema.ts';
import type { Outcome, Verb, VerbContext } from '../context.ts';

export class VerbKilledError extends Error {
  override readonly name = 'VerbKilledError';
}

export abstract class BaseVerb<N extends FlowNode> implements Verb {
  readonly #ac = new AbortController();

  constructor(
    readonly id: string,
    readonly node: N,
  ) {}

  abstract exec(ctx: VerbContext): Promise<Outcome>;

  kill(): void {
    if (!this.#ac.signal.aborted) this.#ac.abort(new VerbKilledError(`verb ${this.node.verb} at "${this.id}" was killed`));
  }

  get killed(): boolean {
    return this.#ac.signal.aborted;
  }

  protected get signal(): AbortSignal {
    return this.#ac.signal;
  }

  /** Throws once the verb has been killed, so exec() stops between two operations. */
  protected alive(): void {
    this.#ac.signal.throwIfAborted();
  }

  protected async say(ctx: VerbContext, prompts: Prompts | undefined, bargeIn: boolean): Promise<PlayResult> {
    if (prompts === undefined) return {};
    this.alive();
    const pcm = await ctx.prompts.render(prompts, ctx.vars);
    this.alive();
    return ctx.port.play(pcm, { bargeIn, signal: this.signal });
  }
}

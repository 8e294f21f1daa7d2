import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { BaseVerb } from './base.ts';

/** Answers the call (200 OK). */
export class AnswerVerb extends BaseVerb<NodeOf<'answer'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    this.alive();
    await ctx.port.answer();
    return { next: this.node.next };
  }
}

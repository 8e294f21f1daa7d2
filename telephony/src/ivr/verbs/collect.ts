import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { AskingVerb } from './ask.ts';

/** Collects a digit string (tracking number, ID ...) into a call variable. */
export class CollectVerb extends AskingVerb<NodeOf<'collect'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    const result = await this.ask(ctx, {
      prompt: n.prompt,
      invalidPrompt: n.invalidPrompt,
      noInputPrompt: n.noInputPrompt,
      retries: n.retries,
      collect: { min: n.min, max: n.max, timeoutMs: n.timeoutMs, interDigitMs: n.interDigitMs, ...(n.terminator ? { terminator: n.terminator } : {}) },
      judge: (d) => (d.length >= n.min && d.length <= n.max && /^[0-9]+$/.test(d) ? 'accept' : 'reject'),
    });
    if (result.kind !== 'accepted') return { next: n.onFailure, note: result.kind, ...(result.kind === 'invalid' ? { input: result.digits } : {}) };
    ctx.vars[n.into] = result.digits;
    return { next: n.onSuccess, input: result.digits };
  }
}

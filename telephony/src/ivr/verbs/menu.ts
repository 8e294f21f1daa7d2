import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { AskingVerb } from './ask.ts';

/** One key chooses the way on; wrong keys and silence are retried, then onInvalid/onNoInput/onFailure. */
export class MenuVerb extends AskingVerb<NodeOf<'menu'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    const result = await this.ask(ctx, {
      prompt: n.prompt,
      invalidPrompt: n.invalidPrompt,
      noInputPrompt: n.noInputPrompt,
      retries: n.retries,
      collect: { min: 1, max: 1, timeoutMs: n.timeoutMs, interDigitMs: n.timeoutMs },
      judge: (d) => (Object.hasOwn(n.onDigit, d) ? 'accept' : d === n.repeatDigit ? 'repeat' : 'reject'),
    });
    if (result.kind === 'accepted') return { next: n.onDigit[result.digits]!, input: result.digits };
    if (result.kind === 'noInput') return { next: n.onNoInput ?? n.onFailure, note: 'noInput' };
    return { next: n.onInvalid ?? n.onFailure, input: result.digits, note: 'invalid' };
  }
}

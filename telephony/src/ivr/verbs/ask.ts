// The prompt-collect-retry loop shared by menu, collect and survey: play the prompt (barge-in),
// collect, judge; on no input or a wrong answer say so and try again, up to `retries` more times.

import type { CollectOptions } from '../callPort.ts';
import type { FlowNode, Prompts } from '../flowSchema.ts';
import type { VerbContext } from '../context.ts';
import { BaseVerb } from './base.ts';

export type Verdict = 'accept' | 'reject' | 'repeat';

export interface AskSpec {
  prompt: Prompts;
  invalidPrompt?: Prompts | undefined;
  noInputPrompt?: Prompts | undefined;
  retries: number;
  collect: Omit<CollectOptions, 'signal'>;
  judge: (digits: string) => Verdict;
}

export type AskResult = { kind: 'accepted'; digits: string } | { kind: 'noInput' } | { kind: 'invalid'; digits: string };

/** A caller who keeps asking to hear the menu again is eventually treated as not choosing. */
const MAX_REPEATS = 5;

export abstract class AskingVerb<N extends FlowNode> extends BaseVerb<N> {
  protected async ask(ctx: VerbContext, spec: AskSpec): Promise<AskResult> {
    let last: AskResult = { kind: 'noInput' };
    let repeats = 0;
    for (let attempt = 0; attempt <= spec.retries; ) {
      await this.say(ctx, spec.prompt, true);
      this.alive();
      const digits = await ctx.port.collectDigits({ ...spec.collect, signal: this.signal });
      const verdict = digits === null ? null : spec.judge(digits);
      if (digits !== null && verdict === 'accept') return { kind: 'accepted', digits };
      if (digits !== null && verdict === 'repeat' && ++repeats <= MAX_REPEATS) continue;
      last = digits === null ? { kind: 'noInput' } : { kind: 'invalid', digits };
      attempt++;
      await this.say(ctx, digits === null ? spec.noInputPrompt : (spec.invalidPrompt ?? spec.noInputPrompt), true);
    }
    return last;
  }
}

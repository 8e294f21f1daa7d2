import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { AskingVerb } from './ask.ts';

/** A one-question opinion survey (满意请按1 …); the answer goes to services.recordSurvey. */
export class SurveyVerb extends AskingVerb<NodeOf<'survey'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    const result = await this.ask(ctx, {
      prompt: n.prompt,
      invalidPrompt: n.invalidPrompt,
      retries: n.retries,
      collect: { min: 1, max: 1, timeoutMs: n.timeoutMs, interDigitMs: n.timeoutMs },
      judge: (d) => (Object.hasOwn(n.options, d) ? 'accept' : 'reject'),
    });
    if (result.kind !== 'accepted') return { next: n.next, note: result.kind };
    const digit = result.digits;
    let note = 'recorded';
    try {
      await ctx.services.recordSurvey({ survey: n.survey, callId: ctx.port.callId, callerNumber: ctx.port.callerNumber, digit, answer: n.options[digit]! });
    } catch {
      note = 'saveFailed'; // the caller is thanked all the same
    }
    this.alive();
    await this.say(ctx, n.thanks, false);
    return { next: n.next, input: digit, note };
  }
}

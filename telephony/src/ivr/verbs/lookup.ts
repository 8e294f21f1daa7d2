import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { BaseVerb } from './base.ts';

/** Looks a work order up by tracking number (server callback) and speaks its status and reply. */
export class LookupVerb extends BaseVerb<NodeOf<'lookup'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    const number = ctx.vars[n.input] ?? '';
    ctx.vars.trackingNumber = number;
    let result;
    try {
      if (number === '') throw new Error(`variable "${n.input}" is not set`);
      result = await ctx.services.lookupWorkOrder(number, { callerNumber: ctx.port.callerNumber, callId: ctx.port.callId });
    } catch {
      this.alive();
      await this.say(ctx, n.failed ?? n.notFound, true);
      return { next: n.onFailure ?? n.next, input: number, note: 'failed' };
    }
    this.alive();
    if (!result.found) {
      await this.say(ctx, n.notFound, true);
      return { next: n.onNotFound ?? n.next, input: number, note: 'notFound' };
    }
    ctx.vars.statusText = result.statusText ?? '';
    ctx.vars.replyText = result.replyText ?? '';
    const { interruptedBy } = await this.say(ctx, n.found, true);
    if (interruptedBy === undefined && result.replyText) await this.say(ctx, n.reply, true);
    return { next: n.next, input: number, note: 'found' };
  }
}

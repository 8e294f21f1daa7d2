// Verbs that end the IVR's part of the call: to a person (enqueue), to another number (transfer),
// or off the line (hangup).

import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import type { EnqueueRequest } from '../services.ts';
import { BaseVerb } from './base.ts';

/** Hands the call to the contact center's queue, with the IVR path for the agent's screen. */
export class EnqueueVerb extends BaseVerb<NodeOf<'enqueue'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    await this.say(ctx, n.prompt, false);
    this.alive();
    const request: EnqueueRequest = {
      queue: n.queue,
      priority: n.priority,
      callId: ctx.port.callId,
      callerNumber: ctx.port.callerNumber,
      calledNumber: ctx.port.calledNumber,
      flow: ctx.flow,
      path: ctx.path(),
      vars: { ...ctx.vars },
    };
    const { accepted, reason } = await ctx.services.enqueue(request);
    if (!accepted) return { next: n.onFailure, note: `rejected:${reason ?? 'unknown'}` };
    ctx.emit('enqueue', request);
    return { end: 'enqueued', note: n.queue };
  }
}

/** Transfers the call to an external number (a department's own line). */
export class TransferVerb extends BaseVerb<NodeOf<'transfer'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    await this.say(ctx, n.prompt, false);
    this.alive();
    const { ok, reason } = await ctx.services.transfer({ callId: ctx.port.callId, number: n.number });
    return ok ? { end: 'transferred', note: n.number } : { next: n.onFailure, note: `failed:${reason ?? 'unknown'}` };
  }
}

/** Says goodbye and hangs up. */
export class HangupVerb extends BaseVerb<NodeOf<'hangup'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    await this.say(ctx, this.node.prompt, false);
    this.alive();
    await ctx.port.hangup(this.node.cause ?? 'normal');
    return { end: 'completed' };
  }
}

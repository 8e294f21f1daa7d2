import type { Recording } from '../callPort.ts';
import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import type { MessageKind } from '../services.ts';
import { BaseVerb } from './base.ts';

/**
 * Records a message after a beep and hands it to the server (services.leaveMessage), which files
 * it as a work order with the recording and the caller's number. `record` is for the mayor's
 * mailbox and complaints/reports; `voicemail` is the same with kind "voicemail" (night service,
 * queue overflow). A recording the caller ended by hanging up is still delivered.
 */
export class RecordVerb extends BaseVerb<NodeOf<'record'> | NodeOf<'voicemail'>> {
  get kind(): MessageKind {
    return this.node.verb === 'record' ? this.node.kind : 'voicemail';
  }

  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    for (let attempt = 0; attempt <= n.retries; attempt++) {
      await this.say(ctx, n.prompt, false);
      ctx.port.clearDigits(); // keys typed during the instructions must not end the recording
      this.alive();
      const rec = await ctx.port.record({
        maxMs: n.maxMs,
        silenceMs: n.silenceMs,
        beep: n.beep,
        signal: this.signal,
        ...(n.terminator ? { terminator: n.terminator } : {}),
      });
      if (rec && rec.durationMs >= n.minMs) return this.#deliver(ctx, rec);
      if (rec?.endedBy === 'hangup') return { end: 'hangup', note: 'tooShort' };
      await this.say(ctx, n.tooShortPrompt, false);
    }
    return { next: n.onFailure, note: 'tooShort' };
  }

  async #deliver(ctx: VerbContext, rec: Recording): Promise<Outcome> {
    const n = this.node;
    const callEnded = rec.endedBy === 'hangup' || rec.endedBy === 'aborted';
    let trackingNumber: string | undefined;
    try {
      ({ trackingNumber } = await ctx.services.leaveMessage({
        kind: this.kind,
        callId: ctx.port.callId,
        callerNumber: ctx.port.callerNumber,
        calledNumber: ctx.port.calledNumber,
        recording: { pcm: rec.pcm, durationMs: rec.durationMs },
        flow: ctx.flow,
        path: ctx.path(),
      }));
    } catch (e) {
      if (callEnded || this.killed) throw e;
      return { next: n.onFailure, note: 'saveFailed' };
    }
    if (trackingNumber !== undefined) ctx.vars.messageTrackingNumber = trackingNumber;
    ctx.emit('message', { kind: this.kind, durationMs: rec.durationMs, ...(trackingNumber !== undefined ? { trackingNumber } : {}) });
    if (callEnded) return { end: 'hangup', note: 'saved' };
    await this.say(ctx, n.confirm, false);
    if (trackingNumber !== undefined) await this.say(ctx, n.receipt, false);
    return { next: n.onSuccess, note: 'saved' };
  }
}

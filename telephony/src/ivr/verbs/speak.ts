import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { BaseVerb } from './base.ts';

const MAX_TEXTS = 10;

/** Speaks what the server provides for a source (policy information from the knowledge base ...). */
export class SpeakVerb extends BaseVerb<NodeOf<'speak'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const n = this.node;
    let texts: string[] = [];
    try {
      texts = (await ctx.services.information?.(n.source, { callerNumber: ctx.port.callerNumber, callId: ctx.port.callId }))?.texts ?? [];
    } catch {
      texts = [];
    }
    this.alive();
    // Server text is spoken as it is: braces would be read as call-variable placeholders.
    const clean = texts.map((t) => t.replace(/[{}]/g, ' ').trim().slice(0, 2000)).filter((t) => t.length > 0).slice(0, MAX_TEXTS);
    if (clean.length === 0) {
      const r = await this.say(ctx, n.fallback, n.bargeIn);
      return { next: n.onEmpty ?? n.next, note: r.interruptedBy === undefined ? 'empty' : `bargeIn:${r.interruptedBy}` };
    }
    const intro = await this.say(ctx, n.intro, n.bargeIn);
    if (intro.interruptedBy !== undefined) return { next: n.next, note: `bargeIn:${intro.interruptedBy}` };
    const r = await this.say(ctx, clean.map((tts) => ({ tts })), n.bargeIn);
    return { next: n.next, note: r.interruptedBy === undefined ? `spoken:${clean.length}` : `bargeIn:${r.interruptedBy}` };
  }
}

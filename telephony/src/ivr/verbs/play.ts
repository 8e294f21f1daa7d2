import type { NodeOf } from '../flowSchema.ts';
import type { Outcome, VerbContext } from '../context.ts';
import { BaseVerb } from './base.ts';

/** Plays prompts (recorded or TTS). With barge-in a key press stops it; the key stays buffered for the next verb. */
export class PlayVerb extends BaseVerb<NodeOf<'play'>> {
  async exec(ctx: VerbContext): Promise<Outcome> {
    const { interruptedBy } = await this.say(ctx, this.node.prompt, this.node.bargeIn);
    return interruptedBy === undefined ? { next: this.node.next } : { next: this.node.next, note: `bargeIn:${interruptedBy}` };
  }
}

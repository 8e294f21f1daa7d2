// The verb factory: validates a node, then builds the verb class for it.

import { nodeSchema, type VerbName } from '../flowSchema.ts';
import type { Verb } from '../context.ts';
import { AnswerVerb } from './answer.ts';
import { CollectVerb } from './collect.ts';
import { EnqueueVerb, HangupVerb, TransferVerb } from './handoff.ts';
import { LookupVerb } from './lookup.ts';
import { MenuVerb } from './menu.ts';
import { PlayVerb } from './play.ts';
import { RecordVerb } from './record.ts';
import { ScheduleVerb } from './schedule.ts';
import { SpeakVerb } from './speak.ts';
import { SurveyVerb } from './survey.ts';

const VERBS: Record<VerbName, new (id: string, node: never) => Verb> = {
  answer: AnswerVerb,
  play: PlayVerb,
  menu: MenuVerb,
  collect: CollectVerb,
  record: RecordVerb,
  voicemail: RecordVerb,
  lookup: LookupVerb,
  speak: SpeakVerb,
  survey: SurveyVerb,
  schedule: ScheduleVerb,
  enqueue: EnqueueVerb,
  transfer: TransferVerb,
  hangup: HangupVerb,
};

/** Throws TypeError for a node that does not validate. */
export function createVerb(id: string, node: unknown): Verb {
  const parsed = nodeSchema.safeParse(node);
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || 'node'}: ${i.message}`).join('; ');
    throw new TypeError(`node "${id}" is not a valid verb: ${why}`);
  }
  const Verb = VERBS[parsed.data.verb];
  return new Verb(id, parsed.data as never);
}

export { VerbKilledError } from './base.ts';

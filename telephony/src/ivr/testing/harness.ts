// Runs one scripted call through a flow, collecting everything a test wants to look at.

import type { IvrEvents } from '../context.ts';
import type { Flow } from '../flowSchema.ts';
import { IvrInterpreter, type IvrResult } from '../interpreter.ts';
import { PromptRenderer } from '../prompts.ts';
import { validateFlow } from '../validateFlow.ts';
import { FakeServices } from './fakeServices.ts';
import { ScriptedCallPort, type CallerAction } from './scriptedCallPort.ts';
import { TextPcmTts } from './textPcm.ts';

export interface CallRun {
  result: IvrResult;
  port: ScriptedCallPort;
  services: FakeServices;
  tts: TextPcmTts;
  events: Array<{ [K in keyof IvrEvents]: [K, ...IvrEvents[K]] }[keyof IvrEvents]>;
}

export function flowOf(document: unknown): Flow {
  const r = validateFlow(document);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.flow;
}

/** Wednesday 12 March 2025, 10:00 in Beijing: a working day, within office hours. */
export const WORKDAY_10AM = new Date('2025-03-12T10:00:00+08:00');

export async function runCall(
  flow: Flow,
  script: CallerAction[],
  opts: { at?: Date; services?: FakeServices; interpreter?: (ivr: IvrInterpreter) => void } = {},
): Promise<CallRun> {
  const port = new ScriptedCallPort(script);
  const services = opts.services ?? new FakeServices();
  const tts = new TextPcmTts();
  const at = opts.at ?? WORKDAY_10AM;
  const ivr = new IvrInterpreter({ flow, port, services, prompts: new PromptRenderer({ tts }), now: () => at });
  const events: CallRun['events'] = [];
  for (const name of ['node', 'enqueue', 'message', 'hangup', 'error'] as const) {
    ivr.on(name, (...args: unknown[]) => events.push([name, ...args] as never));
  }
  opts.interpreter?.(ivr);
  const result = await ivr.run();
  return { result, port, services, tts, events };
}

import { describe, expect, it } from 'vitest';
import { FRAME_SAMPLES } from './audio.ts';
import { ManualClock } from './clock.ts';
import { toneAmplitude } from './goertzel.ts';
import { Mixer } from './mixer.ts';
import { Pacer } from './pacer.ts';
import { applySupervisorMode } from './supervision.ts';
import type { SupervisorMode } from './supervision.ts';
import { sine } from './testSignals.ts';

const TONE = { caller: 1000, agent: 2000, supervisor: 3000 } as const;
type Who = keyof typeof TONE;

/** Runs `ticks` mixer steps with each participant speaking its own tone; returns what each heard. */
function run(mixer: Mixer, speakers: Partial<Record<Who, number>>, ticks = 25): Record<string, Int16Array> {
  const heard: Record<string, Int16Array> = {};
  const ids = mixer.participants;
  for (const id of ids) heard[id] = new Int16Array(ticks * FRAME_SAMPLES);
  const frame = new Int16Array(FRAME_SAMPLES);
  for (let t = 0; t < ticks; t++) {
    for (const id of ids) {
      const f = speakers[id as Who];
      if (f) mixer.get(id)!.input.write(sine(f, 8000, FRAME_SAMPLES * (t + 1)).subarray(FRAME_SAMPLES * t));
    }
    mixer.mix();
    for (const id of ids) {
      mixer.get(id)!.output.read(frame);
      heard[id]!.set(frame, t * FRAME_SAMPLES);
    }
  }
  return heard;
}

/** Which of the three tones are audible (amplitude > 1000 of the 8000 sent) in a signal. */
function tonesIn(signal: Int16Array): Who[] {
  const tail = signal.subarray(signal.length - 2000); // after the queues have primed
  return (Object.keys(TONE) as Who[]).filter((who) => toneAmplitude(tail, TONE[who]) > 1000);
}

function supervised(mode: SupervisorMode): Record<string, Who[]> {
  const m = new Mixer();
  for (const id of ['caller', 'agent', 'supervisor']) m.add(id);
  applySupervisorMode(m, { caller: 'caller', agent: 'agent', supervisor: 'supervisor' }, mode);
  const heard = run(m, TONE);
  return Object.fromEntries(Object.entries(heard).map(([id, s]) => [id, tonesIn(s)]));
}

describe('Mixer', () => {
  it('bridges two legs: each hears the other, not itself', () => {
    const m = new Mixer();
    m.add('caller');
    m.add('agent');
    const heard = run(m, { caller: TONE.caller, agent: TONE.agent });
    expect(tonesIn(heard.caller!)).toEqual(['agent']);
    expect(tonesIn(heard.agent!)).toEqual(['caller']);
    expect(toneAmplitude(heard.caller!.subarray(2000), TONE.agent)).toBeCloseTo(8000, -2);
  });

  it('listen: the supervisor hears both, nobody hears the supervisor', () => {
    expect(supervised('listen')).toEqual({ caller: ['agent'], agent: ['caller'], supervisor: ['caller', 'agent'] });
  });

  it('whisper: the agent hears the supervisor, the caller does not', () => {
    expect(supervised('whisper')).toEqual({ caller: ['agent'], agent: ['caller', 'supervisor'], supervisor: ['caller', 'agent'] });
  });

  it('barge: everyone hears everyone else (a three-way call)', () => {
    expect(supervised('barge')).toEqual({ caller: ['agent', 'supervisor'], agent: ['caller', 'supervisor'], supervisor: ['caller', 'agent'] });
  });

  it('switches mode mid-call: whisper to listen silences the supervisor for the agent', () => {
    const m = new Mixer();
    for (const id of ['caller', 'agent', 'supervisor']) m.add(id);
    const call = { caller: 'caller', agent: 'agent', supervisor: 'supervisor' };
    applySupervisorMode(m, call, 'whisper');
    expect(tonesIn(run(m, TONE).agent!)).toContain('supervisor');
    applySupervisorMode(m, call, 'listen');
    expect(tonesIn(run(m, TONE).agent!)).toEqual(['caller']);
  });

  it('saturates sums instead of wrapping around', () => {
    const m = new Mixer();
    for (const id of ['a', 'b', 'c']) m.add(id);
    const loud = new Int16Array(FRAME_SAMPLES * 3).fill(30000);
    const quiet = new Int16Array(FRAME_SAMPLES * 3).fill(-30000);
    m.get('a')!.input.write(loud);
    m.get('b')!.input.write(loud);
    m.get('c')!.input.write(quiet);
    const f = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < 3; i++) m.mix();
    m.get('c')!.output.read(f);
    expect(f.every((x) => x === 32767)).toBe(true); // 60000 clipped, not −5536
    m.get('a')!.output.read(f);
    expect(f.every((x) => x === 0)).toBe(true); // 30000 − 30000
  });

  it('is silent for a participant nobody is talking to, and forgets removed participants', () => {
    const m = new Mixer();
    m.add('a');
    m.add('b');
    m.add('c');
    expect(m.remove('c')).toBe(true);
    const heard = run(m, { a: 1000 } as never);
    expect(heard.a!.every((x) => x === 0)).toBe(true);
    expect(m.hears('a', 'c')).toBe(false);
    expect(() => m.add('a')).toThrow(TypeError);
    expect(() => m.setHears('a', 'zz', false)).toThrow(TypeError);
  });

  it('runs itself on a pacer and leaves it on close', () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ clock });
    const m = new Mixer({ pacer });
    m.add('a');
    m.add('b');
    m.get('a')!.input.write(sine(1000, 8000, 1600));
    clock.advance(200);
    const f = new Int16Array(FRAME_SAMPLES * 5);
    const frame = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < 5; i++) {
      m.get('b')!.output.read(frame);
      f.set(frame, i * FRAME_SAMPLES);
    }
    expect(toneAmplitude(f, 1000)).toBeGreaterThan(7000);
    let closed = 0;
    m.on('close', () => closed++);
    m.close();
    m.close();
    expect(closed).toBe(1);
    expect(pacer.size).toBe(0);
    expect(() => m.add('c')).toThrow('closed');
  });
});

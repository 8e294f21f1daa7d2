// The test double must keep the CallPort contract (callPort.ts) as the real SIP call will,
// or the interpreter tests prove nothing. These are the contract's rules, checked on the double.
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '../media/errors.ts';
import { CallEndedError } from './callPort.ts';
import { ScriptedCallPort } from './testing/scriptedCallPort.ts';

const pcm = new Int16Array([65, 66]);
const collect = { min: 1, max: 4, timeoutMs: 5000, interDigitMs: 3000, terminator: '#' as const };

describe('ScriptedCallPort keeps the CallPort contract', () => {
  it('refuses media before answer() and a second operation while one is pending', async () => {
    const port = new ScriptedCallPort([]);
    await expect(port.play(pcm, { bargeIn: false })).rejects.toBeInstanceOf(InvalidStateError);
    await port.answer();
    const first = port.play(pcm, { bargeIn: false });
    await expect(port.collectDigits(collect)).rejects.toBeInstanceOf(InvalidStateError);
    await first;
  });

  it('barge-in stops a prompt at the first key and leaves the keys in the type-ahead buffer', async () => {
    const port = new ScriptedCallPort([{ pressDuringPrompt: '12' }]);
    await port.answer();
    expect(await port.play(pcm, { bargeIn: true })).toEqual({ interruptedBy: '1' });
    expect(await port.collectDigits({ ...collect, max: 2 })).toBe('12');
  });

  it('keys pressed during a prompt without barge-in are kept too, and clearDigits() drops them', async () => {
    const port = new ScriptedCallPort([{ pressDuringPrompt: '9' }, { pressDuringPrompt: '5' }]);
    await port.answer();
    expect(await port.play(pcm, { bargeIn: false })).toEqual({});
    expect(await port.collectDigits(collect)).toBe('9');
    await port.play(pcm, { bargeIn: false });
    expect(port.clearDigits()).toBe('5');
  });

  it('collectDigits: terminator ends early (not returned), max ends at once, silence gives null', async () => {
    const port = new ScriptedCallPort([{ press: '12#34' }, { silence: true }]);
    await port.answer();
    expect(await port.collectDigits(collect)).toBe('12');
    expect(await port.collectDigits({ ...collect, max: 1 })).toBe('3');
    expect(await port.collectDigits(collect)).toBe('4'); // then the inter-digit timeout
    expect(await port.collectDigits(collect)).toBeNull();
  });

  it('an aborted operation rejects with the signal’s reason', async () => {
    const port = new ScriptedCallPort([]);
    await port.answer();
    const ac = new AbortController();
    const playing = port.play(pcm, { bargeIn: false, signal: ac.signal });
    ac.abort(new Error('killed'));
    await expect(playing).rejects.toThrow('killed');
  });

  it('on remote hangup: the pending operation settles first, then the listeners run, once', async () => {
    const port = new ScriptedCallPort([{ hangupDuringPrompt: true }]);
    await port.answer();
    const ac = new AbortController();
    const calls: string[] = [];
    // A listener that kills the verb (aborts) finds the prompt already ended by the hangup.
    port.onHangup((cause) => {
      calls.push(cause);
      ac.abort(new Error('killed'));
    });
    await expect(port.play(pcm, { bargeIn: true, signal: ac.signal })).rejects.toBeInstanceOf(CallEndedError);
    expect(calls).toEqual(['caller-bye']);
    await expect(port.collectDigits(collect)).rejects.toBeInstanceOf(CallEndedError);
    port.onHangup((cause) => calls.push(`late ${cause}`)); // registered after the fact: called at once
    expect(calls).toEqual(['caller-bye', 'late caller-bye']);
  });

  it('a recording the caller ends by hanging up is returned, not lost', async () => {
    const port = new ScriptedCallPort([{ speakThenHangup: 2000 }]);
    await port.answer();
    const rec = await port.record({ maxMs: 60_000, silenceMs: 3000, beep: true });
    expect(rec).toMatchObject({ durationMs: 2000, endedBy: 'hangup' });
    expect(rec?.pcm.length).toBe(16_000);
  });
});

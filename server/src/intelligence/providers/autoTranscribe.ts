import type { Ctx } from '../../context.ts';
import { systemActor } from '../../auth/systemActor.ts';
import type { ContactCenter, CtiEvent } from '../../contactcenter/cti/contactCenter.ts';
import type { SpeechToText } from './stt.ts';
import { transcribeCall } from './transcribeCall.ts';

/**
 * With a speech-to-text provider configured, every recorded call is transcribed when it ends, so
 * the emotion warnings and quality checks run on what was said without anyone asking. One call at
 * a time: transcription is slow and a burst of hang-ups must not flood the provider.
 */
export function installCallTranscription(ctx: Ctx, cc: ContactCenter, stt: SpeechToText, log: (e: unknown) => void = () => undefined): { stop(): void; idle(): Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  const onEvent = (e: CtiEvent) => {
    if (e.type !== 'call.ended') return;
    const callId = String(e.data.callId);
    chain = chain.then(async () => {
      const rec = await cc.records.get(callId);
      if (!rec?.recordingKey) return;
      try {
        await transcribeCall(ctx, stt, await systemActor(ctx, 'stt', '语音转写'), callId);
      } catch (err) {
        log(err);
      }
    });
  };
  cc.events.on('event', onEvent);
  return { stop: () => cc.events.off('event', onEvent), idle: () => chain };
}

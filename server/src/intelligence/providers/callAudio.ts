// A call recording as the transcriber needs it: the stereo WAV the contact center writes (caller
// on the left channel, agent on the right) split into two mono channels at 8 kHz.

import { parseWav, resample } from '@hotline/telephony';
import { AppError } from '../../errors.ts';
import type { MonoPcm } from './stt.ts';

export interface CallChannels {
  caller: MonoPcm;
  agent: MonoPcm;
  durationSeconds: number;
}

const RATE = 8000;
/** Below this peak a channel holds no speech (about −54 dBFS): it is not sent, and models invent text for silence. */
const SILENCE_PEAK = 64;

export function splitCallChannels(bytes: Uint8Array): CallChannels {
  const r = parseWav(bytes);
  if (!r.ok) throw new AppError('RECORDING_UNREADABLE', `the recording cannot be read: ${r.error}`);
  const { channelData, sampleRate, channels } = r.wav;
  if (channels !== 2) throw new AppError('RECORDING_UNREADABLE', `the recording has ${channels} channel(s); a call recording is stereo (caller left, agent right)`, { channels });
  const mono = (data: Float32Array): MonoPcm => ({ samples: resample(data, sampleRate, RATE), sampleRate: RATE });
  const caller = mono(channelData[0]!);
  return { caller, agent: mono(channelData[1]!), durationSeconds: caller.samples.length / RATE };
}

export function isSilent(audio: MonoPcm): boolean {
  for (const s of audio.samples) if (s >= SILENCE_PEAK || s <= -SILENCE_PEAK) return false;
  return true;
}

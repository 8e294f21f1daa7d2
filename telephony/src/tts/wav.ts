// Just enough RIFF/WAVE for the prompt cache: 16-bit PCM mono, 44-byte canonical header on write,
// chunk walk on read. Private to tts/ (media/wav.ts is the general reader/writer).

export interface PcmAudio {
  sampleRate: number;
  pcm: Int16Array;
}

export function encodeWav({ sampleRate, pcm }: PcmAudio): Buffer {
  const data = pcm.length * 2;
  const out = Buffer.alloc(44 + data);
  out.write('RIFF', 0, 'ascii');
  out.writeUInt32LE(36 + data, 4);
  out.write('WAVE', 8, 'ascii');
  out.write('fmt ', 12, 'ascii');
  out.writeUInt32LE(16, 16);
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28);
  out.writeUInt16LE(2, 32);
  out.writeUInt16LE(16, 34);
  out.write('data', 36, 'ascii');
  out.writeUInt32LE(data, 40);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i]!, 44 + i * 2);
  return out;
}

/** Returns null for anything but a well-formed 16-bit PCM mono WAV (the cache then regenerates). */
export function decodeWav(buf: Buffer): PcmAudio | null {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  let sampleRate = 0;
  let off = 12;
  while (off + 8 <= buf.length) {
    const id = buf.toString('ascii', off, off + 4);
    const size = buf.readUInt32LE(off + 4);
    const body = off + 8;
    if (body + size > buf.length) return null;
    if (id === 'fmt ') {
      if (size < 16 || buf.readUInt16LE(body) !== 1 || buf.readUInt16LE(body + 2) !== 1 || buf.readUInt16LE(body + 14) !== 16) return null;
      sampleRate = buf.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (sampleRate === 0 || size % 2 !== 0) return null;
      const pcm = new Int16Array(size / 2);
      for (let i = 0; i < pcm.length; i++) pcm[i] = buf.readInt16LE(body + i * 2);
      return { sampleRate, pcm };
    }
    off = body + size + (size % 2);
  }
  return null;
}

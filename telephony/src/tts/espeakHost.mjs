// Child process that hosts eSpeak NG (WebAssembly build, GPL-3.0-or-later) for EspeakTts.
// It runs as a separate program on purpose: the engine talks to our Apache-2.0 code only through
// an IPC channel (see tts/README.md on the licence), a WASM abort cannot take the telephony
// process down, and synthesis (synchronous, ~50 ms per second of speech) never blocks the
// event loop that paces RTP.
//
// Protocol (node IPC, advanced serialization):
//   child → parent  { type: 'ready', sampleRate, version } | { type: 'fatal', error }
//   parent → child  { id, text, voice, wpm }
//   child → parent  { type: 'result', id, pcm: Int16Array, sampleRate } | { type: 'result', id, error }

const spec = process.argv[2] ?? '@echogarden/espeak-ng-emscripten';

let worker;
let sampleRate;
try {
  const mod = await import(spec);
  const engine = await mod.default();
  worker = new engine.eSpeakNGWorker();
  sampleRate = worker.get_samplerate();
  process.send({ type: 'ready', sampleRate });
} catch (error) {
  process.send({ type: 'fatal', error: String(error?.stack ?? error) }, () => process.exit(1));
}

process.on('message', (req) => {
  try {
    if (worker.set_voice(req.voice) !== 0) throw new Error(`eSpeak NG has no voice "${req.voice}"`);
    worker.set_rate(req.wpm);
    const chunks = [];
    let length = 0;
    // The text is plain; keep eSpeak from reading markup characters as SSML.
    worker.synthesize(req.text.replace(/[<>&]/g, ' '), (samples) => {
      chunks.push(samples);
      length += samples.length;
    });
    const pcm = new Int16Array(length);
    let off = 0;
    for (const c of chunks) {
      pcm.set(c, off);
      off += c.length;
    }
    process.send({ type: 'result', id: req.id, pcm, sampleRate });
  } catch (error) {
    process.send({ type: 'result', id: req.id, error: String(error?.message ?? error) });
  }
});

process.on('disconnect', () => process.exit(0));

// A browser softphone in a few lines of JsSIP, bundled by the integration test and driven through
// `window.phone` with page.evaluate(): register over WebSocket, answer or place calls with the
// (fake) microphone, send DTMF, and report the dominant frequency of what the far end plays.
import JsSIP from 'jssip';

// Raw microphone: echo cancellation and noise suppression would treat a steady test tone as noise.
const mediaConstraints = { audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false }, video: false };
const pcConfig = { iceServers: [] };

const state = { registered: false, log: [], session: null, confirmed: false, ended: null, analyser: null, context: null };
const log = (m) => state.log.push(m);

function listenTo(pc) {
  pc.addEventListener('track', (e) => {
    const stream = e.streams[0] ?? new MediaStream([e.track]);
    // Chrome feeds a remote WebRTC stream to Web Audio only while a media element plays it too.
    const el = new Audio();
    el.muted = true;
    el.srcObject = stream;
    el.play().catch((err) => log(`audio element: ${err}`));
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0.2;
    context.createMediaStreamSource(stream).connect(analyser);
    state.context = context;
    state.analyser = analyser;
    log('remote track');
  });
}

function follow(session) {
  state.session = session;
  state.confirmed = false;
  state.ended = null;
  // ua.call() creates the peer connection (and fires 'peerconnection') before it returns.
  if (session.connection) listenTo(session.connection);
  else session.on('peerconnection', (e) => listenTo(e.peerconnection));
  session.on('confirmed', () => {
    state.confirmed = true;
    log('confirmed');
  });
  session.on('ended', (e) => (state.ended = `ended:${e.cause}`));
  session.on('failed', (e) => (state.ended = `failed:${e.cause}`));
}

window.phone = {
  start({ wsUrl, uri, password, autoAnswer }) {
    const ua = new JsSIP.UA({ sockets: [new JsSIP.WebSocketInterface(wsUrl)], uri, password, register: true, session_timers: false });
    ua.on('newRTCSession', (e) => {
      if (e.originator !== 'remote') return;
      follow(e.session);
      if (autoAnswer) e.session.answer({ mediaConstraints, pcConfig });
    });
    state.ua = ua;
    return new Promise((resolve, reject) => {
      ua.on('registered', () => {
        state.registered = true;
        resolve(true);
      });
      ua.on('registrationFailed', (e) => reject(new Error(`registration failed: ${e.cause}`)));
      ua.start();
    });
  },
  call(target) {
    follow(state.ua.call(target, { mediaConstraints, pcConfig }));
  },
  sendDtmf(digit, transportType) {
    state.session.sendDTMF(digit, { transportType, duration: 160, interToneGap: 100 });
  },
  hangup() {
    if (state.session && !state.session.isEnded()) state.session.terminate();
  },
  status() {
    return { registered: state.registered, confirmed: state.confirmed, ended: state.ended, log: state.log };
  },
  /** The strongest frequency (Hz) in what the far end plays, with its level in dB; null before audio. */
  dominant() {
    const a = state.analyser;
    if (!a) return null;
    const bins = new Float32Array(a.frequencyBinCount);
    a.getFloatFrequencyData(bins);
    const hz = state.context.sampleRate / a.fftSize;
    let best = -1;
    for (let i = Math.ceil(200 / hz); i < Math.min(bins.length, 3800 / hz); i++) if (best < 0 || bins[i] > bins[best]) best = i;
    return best < 0 || !Number.isFinite(bins[best]) ? null : { hz: best * hz, db: bins[best] };
  },
};

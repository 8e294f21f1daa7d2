import { type Socket, createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseTelephoneEvent } from './dtmf4733.ts';
import { InvalidStateError } from './errors.ts';
import { toneAmplitude } from './goertzel.ts';
import { Pacer } from './pacer.ts';
import { PortAllocator } from './portAllocator.ts';
import { Recorder, recordSessions } from './recorder.ts';
import { parseRtcp } from './rtcp.ts';
import { type RtpPacket, parseRtp, serializeRtp } from './rtpPacket.ts';
import { RtpSession, type RtpSessionOptions } from './rtpSession.ts';
import { BufferPlayer, ToneGenerator } from './sources.ts';
import { prng, sine } from './testSignals.ts';
import { parseWav } from './wav.ts';

const HOST = '127.0.0.1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Collects a session's received audio. */
function collect(s: RtpSession): { samples: () => Int16Array } {
  const chunks: Int16Array[] = [];
  s.on('audio', (pcm) => chunks.push(pcm));
  return {
    samples: () => {
      const out = new Int16Array(chunks.reduce((n, c) => n + c.length, 0));
      let o = 0;
      for (const c of chunks) out.set(c, (o += c.length) - c.length);
      return out;
    },
  };
}

/** A plain UDP socket standing in for a peer we do not control. */
async function rawSocket(): Promise<{ socket: Socket; port: number; packets: RtpPacket[]; datagrams: Buffer[] }> {
  const socket = createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, HOST, r));
  const packets: RtpPacket[] = [];
  const datagrams: Buffer[] = [];
  socket.on('message', (m) => {
    datagrams.push(m);
    const r = parseRtp(Buffer.from(m));
    if (r.ok) packets.push(r.packet);
  });
  return { socket, port: socket.address().port, packets, datagrams };
}

describe('RtpSession over loopback UDP', () => {
  let pacer: Pacer;
  let ports: PortAllocator;
  const sessions: RtpSession[] = [];
  const sockets: Socket[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'rtp-session-test-'));

  const open = async (o: Partial<RtpSessionOptions> = {}): Promise<RtpSession> => {
    const s = await RtpSession.open({ pacer, ports, bindAddress: HOST, ...o });
    sessions.push(s);
    return s;
  };
  /** Two sessions pointed at each other, as after an SDP offer/answer. */
  const pair = async (o: Partial<RtpSessionOptions> = {}): Promise<[RtpSession, RtpSession]> => {
    const a = await open(o);
    const b = await open({ ...o, remote: { address: HOST, port: a.localPort } });
    a.setRemote({ address: HOST, port: b.localPort });
    return [a, b];
  };

  beforeEach(() => {
    pacer = new Pacer();
    ports = new PortAllocator(42000, 42999);
  });
  afterEach(() => {
    for (const s of sessions.splice(0)) s.close();
    for (const s of sockets.splice(0)) s.close();
    pacer.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('carries a 1 kHz tone from A to B (detected by Goertzel on what B receives)', async () => {
    const [a, b] = await pair();
    const got = collect(b);
    a.play(new ToneGenerator({ frequencies: [1000], amplitude: 8000 }));
    await until('half a second of audio', () => got.samples().length >= 4000);
    const tail = got.samples().subarray(-3200);
    expect(toneAmplitude(tail, 1000)).toBeGreaterThan(7500);
    expect(toneAmplitude(tail, 2000)).toBeLessThan(200);
    expect(b.stats.malformed).toBe(0);
  });

  it('sends correct RTP: PT, SSRC, seq +1 and timestamp +160 per packet, marker on the first', async () => {
    const sink = await rawSocket();
    sockets.push(sink.socket);
    const a = await open({ codec: 'PCMA', remote: { address: HOST, port: sink.port } });
    await until('ten packets', () => sink.packets.length >= 10);
    const p = sink.packets.slice(0, 10);
    expect(p[0]!.marker).toBe(true);
    for (let i = 0; i < p.length; i++) {
      expect(p[i]).toMatchObject({ payloadType: 8, ssrc: a.ssrc, csrc: [], extension: null });
      expect(p[i]!.payload.length).toBe(160);
      expect(p[i]!.payload.every((x) => x === 0xd5)).toBe(true); // A-law silence: nothing is playing
      if (i > 0) {
        expect(p[i]!.sequenceNumber).toBe((p[i - 1]!.sequenceNumber + 1) & 0xffff);
        expect(p[i]!.timestamp).toBe((p[i - 1]!.timestamp + 160) >>> 0);
        expect(p[i]!.marker).toBe(false);
      }
    }
  });

  it('delivers a DTMF 5 from A to B exactly once, and puts the RFC 4733 train on the wire', async () => {
    const [a, b] = await pair();
    const digits: string[] = [];
    b.on('dtmf', (d, via) => digits.push(`${d}/${via}`));
    a.sendDtmf('5');
    await until('the digit', () => digits.length > 0);
    await sleep(300); // time for the rest of the train, whose end packets must not repeat the digit
    expect(digits).toEqual(['5/rfc4733']);

    const sink = await rawSocket();
    sockets.push(sink.socket);
    const c = await open({ remote: { address: HOST, port: sink.port }, dtmfPayloadType: 96 });
    c.sendDtmf('#');
    const dtmfPackets = () => sink.packets.filter((p) => p.payloadType === 96);
    await until('the end packets', () => dtmfPackets().filter((p) => parseTelephoneEvent(p.payload)!.end).length >= 3);
    await sleep(100);
    const events = dtmfPackets();
    const parsed = events.map((p) => parseTelephoneEvent(p.payload)!);
    expect(events.length).toBe(7); // 4 updates + 3 ends for 100 ms
    expect(events[0]!.marker).toBe(true);
    expect(new Set(events.map((p) => p.timestamp)).size).toBe(1);
    expect(parsed.map((e) => e.end)).toEqual([false, false, false, false, true, true, true]);
    expect(parsed.every((e) => e.event === 11)).toBe(true);
  });

  it('sends DTMF from B to A as well (both directions)', async () => {
    const [a, b] = await pair();
    const digits: string[] = [];
    a.on('dtmf', (d) => digits.push(d));
    b.sendDtmf('12*');
    await until('three digits', () => digits.length === 3);
    await sleep(200);
    expect(digits).toEqual(['1', '2', '*']);
  });

  it('detects in-band DTMF tones when the peer has no telephone-event', async () => {
    const [a, b] = await pair({ dtmfPayloadType: null, inbandDtmf: true });
    const digits: string[] = [];
    b.on('dtmf', (d, via) => digits.push(`${d}/${via}`));
    a.play(new ToneGenerator({ frequencies: [852, 1477], amplitude: 6000, durationMs: 120 })); // 9
    await until('the digit', () => digits.length > 0);
    await sleep(200);
    expect(digits).toEqual(['9/inband']);
  });

  it('records A’s tone on the left and B’s tone on the right of a stereo WAV', async () => {
    const [a, b] = await pair();
    const file = path.join(dir, 'call.wav');
    const rec = await Recorder.open(file, { pacer });
    recordSessions(rec, b, a); // left: what B hears from A (the caller); right: what A hears from B
    a.play(new ToneGenerator({ frequencies: [1000], amplitude: 8000 }));
    b.play(new ToneGenerator({ frequencies: [2000], amplitude: 6000 }));
    await until('0.8 s recorded', () => rec.durationMs >= 800);
    const summary = await rec.close();
    expect(summary.durationMs).toBeGreaterThan(500);
    const wav = parseWav(readFileSync(file));
    if (!wav.ok) throw new Error(wav.error);
    const [left, right] = wav.wav.channelData.map((c) => c.subarray(-2400));
    expect(toneAmplitude(left!, 1000)).toBeGreaterThan(7000);
    expect(toneAmplitude(left!, 2000)).toBeLessThan(200);
    expect(toneAmplitude(right!, 2000)).toBeGreaterThan(5000);
    expect(toneAmplitude(right!, 1000)).toBeLessThan(200);
  });

  it('ignores and counts malformed packets (random bytes, truncated headers, wrong version) and keeps working', async () => {
    const [a, b] = await pair();
    const got = collect(b);
    const attacker = await rawSocket();
    sockets.push(attacker.socket);
    const rnd = prng(99);
    const garbage: Buffer[] = [];
    for (let i = 0; i < 50; i++) {
      const bytes = Array.from({ length: Math.floor(rnd() * 200) + 1 }, () => Math.floor(rnd() * 256));
      bytes[0]! &= 0x3f; // V=0: random bytes that happen to start with V=2 could be valid RTP
      garbage.push(Buffer.from(bytes));
    }
    garbage.push(Buffer.from('8000', 'hex'), Buffer.from('80000001000000', 'hex')); // truncated headers
    garbage.push(Buffer.from('4000000100000000000000010000', 'hex')); // version 1
    garbage.push(Buffer.from('8f00000100000000000000010000', 'hex')); // 15 CSRCs announced, none present
    garbage.push(Buffer.alloc(0));
    for (const g of garbage) attacker.socket.send(g, b.localPort, HOST);
    a.play(new ToneGenerator({ frequencies: [1000], amplitude: 8000 }));
    await until('all garbage counted', () => b.stats.malformed === garbage.length);
    await until('audio after the garbage', () => got.samples().length >= 3200);
    expect(toneAmplitude(got.samples().subarray(-1600), 1000)).toBeGreaterThan(7000);
    // A valid packet from a stranger after B latched on A is dropped too.
    attacker.socket.send(serializeRtp({ marker: false, payloadType: 0, sequenceNumber: 1, timestamp: 1, ssrc: 1, payload: new Uint8Array(160) }), b.localPort, HOST);
    await until('foreign packet counted', () => b.stats.foreign === 1);
    expect(b.remote).toEqual({ address: HOST, port: a.localPort });
  });

  it('learns the remote address from the first valid packet (symmetric RTP) and answers there', async () => {
    const b = await open(); // no remote known: the caller's SDP had a private address
    const a = await open({ remote: { address: HOST, port: b.localPort } });
    const learnt: unknown[] = [];
    b.on('remote', (r) => learnt.push(r));
    const got = collect(a);
    b.play(new ToneGenerator({ frequencies: [2000], amplitude: 8000 }));
    await until('audio back at A', () => got.samples().length >= 3200);
    expect(learnt).toEqual([{ address: HOST, port: a.localPort, rtcpPort: a.localPort + 1 }]);
    expect(toneAmplitude(got.samples().subarray(-1600), 2000)).toBeGreaterThan(7000);
  });

  it('plays a prompt to its end and then sends silence', async () => {
    const [a, b] = await pair();
    const got = collect(b);
    const prompt = new BufferPlayer(sine(1000, 8000, 1600));
    let ended = '';
    prompt.on('ended', (r) => (ended = r));
    a.play(prompt);
    await until('prompt end', () => ended !== '');
    await sleep(200);
    expect(ended).toBe('finished');
    expect(got.samples().subarray(-800).every((x) => x === 0)).toBe(true);
  });

  it('chains prompts from an ended listener (the next one is not lost)', async () => {
    const [a, b] = await pair();
    const got = collect(b);
    const first = new BufferPlayer(sine(1000, 8000, 800));
    const second = new BufferPlayer(sine(2000, 8000, 4000));
    first.on('ended', () => a.play(second));
    a.play(first);
    await until('the second prompt', () => second.ended);
    const heard = got.samples();
    expect(toneAmplitude(heard.slice(-4800), 2000)).toBeGreaterThan(2000);
  });

  it('sends no RTP while recvonly or inactive (on hold), and resumes on sendrecv', async () => {
    const sink = await rawSocket();
    sockets.push(sink.socket);
    const a = await open({ remote: { address: HOST, port: sink.port }, direction: 'recvonly' });
    await sleep(200);
    expect(sink.packets.length).toBe(0);
    a.direction = 'sendrecv';
    await until('RTP after resuming', () => sink.packets.length >= 3);
  });

  it('exchanges RTCP reports: B sees A as a sender, A learns B’s view of its stream', async () => {
    const [a, b] = await pair({ rtcpIntervalMs: 150 });
    a.play(new ToneGenerator({ frequencies: [1000] }));
    await until('reports both ways', () => a.rtcp.reportsReceived >= 2 && b.rtcp.reportsReceived >= 2);
    await until('B reports on A', () => a.rtcp.peerReport !== null);
    expect(a.rtcp.peerReport).toMatchObject({ ssrc: a.ssrc, cumulativeLost: 0 });
    expect(b.rtcp.receiveStats?.ssrc).toBe(a.ssrc);
    expect(b.rtcp.malformed).toBe(0);
  });

  it('sends RTCP BYE and releases its ports on close; close is idempotent and emits once', async () => {
    const sink = await rawSocket();
    const sinkRtcp = await rawSocket();
    sockets.push(sink.socket, sinkRtcp.socket);
    const a = await open({ remote: { address: HOST, port: sink.port, rtcpPort: sinkRtcp.port } });
    const port = a.localPort;
    expect(ports.isReserved(port)).toBe(true);
    let closes = 0;
    a.on('close', () => closes++);
    await sleep(60);
    a.close();
    a.close();
    expect(closes).toBe(1);
    expect(ports.isReserved(port)).toBe(false);
    expect(pacer.size).toBe(0);
    expect(() => a.sendDtmf('1')).toThrow(InvalidStateError);
    expect(() => a.play(null)).toThrow(InvalidStateError);
    await until('BYE', () => sinkRtcp.datagrams.length > 0);
    const rtcp = parseRtcp(sinkRtcp.datagrams.at(-1)!);
    expect(rtcp.ok && rtcp.packets.map((p) => p.type)).toEqual(['sr', 'sdes', 'bye']);
    // The port can be bound again right away.
    const again = new PortAllocator(port, port + 1);
    const s = await RtpSession.open({ pacer, ports: again, bindAddress: HOST });
    expect(s.localPort).toBe(port);
    s.close();
  });

  it('never hands out the same port twice across many concurrent sessions', async () => {
    const many = await Promise.all(Array.from({ length: 40 }, () => open()));
    const used = many.map((s) => s.localPort);
    expect(new Set(used).size).toBe(40);
    expect(used.every((p) => p % 2 === 0)).toBe(true);
    for (const s of many) s.close();
    expect(ports.inUse).toBe(0);
  });

  it('rejects bad arguments with TypeError', async () => {
    await expect(RtpSession.open({ pacer, ports, remote: { address: 'example.com', port: 4000 } })).rejects.toThrow(TypeError);
    await expect(RtpSession.open({ pacer, ports, dtmfPayloadType: 13 })).rejects.toThrow(TypeError);
    const s = await open({ dtmfPayloadType: null });
    expect(() => s.sendDtmf('1')).toThrow(InvalidStateError);
    expect(() => s.setRemote({ address: HOST, port: 0 })).toThrow(TypeError);
    expect(ports.inUse).toBe(1);
  });
});

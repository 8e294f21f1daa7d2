// A stand-in for a FunASR runtime server in tests: a real websocket server on the loopback speaking
// the offline-file protocol of FunASR's runtime/docs/websocket_protocol.md. It records each
// session's first JSON message, the PCM it received and the end flag, then answers as the C++
// runtime does (one result, is_final false), as the Python server does (a result per sentence,
// the last is_final true), or misbehaves on request.

import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

export interface FunAsrSession {
  config: Record<string, unknown>;
  pcm: Buffer;
  ended: boolean;
}

export interface FunAsrSentence {
  text: string;
  startMs: number;
  endMs: number;
}

export type FunAsrBehaviour = 'cpp' | 'python' | 'notJson' | 'silent' | 'closeWithoutResult';

export class FakeFunAsrServer {
  readonly sessions: FunAsrSession[] = [];
  behaviour: FunAsrBehaviour = 'cpp';
  /** The sentences "recognised" in a session (the test decides, e.g. by wav_name). */
  recognise: (s: FunAsrSession) => FunAsrSentence[] = () => [];
  url = '';
  private wss: WebSocketServer | null = null;

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.wss!.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
    this.wss.on('connection', (ws) => {
      const session: FunAsrSession = { config: {}, pcm: Buffer.alloc(0), ended: false };
      let first = true;
      ws.on('message', (data, isBinary) => {
        if (isBinary) {
          session.pcm = Buffer.concat([session.pcm, data as Buffer]);
          return;
        }
        const msg = JSON.parse(data.toString()) as Record<string, unknown>;
        if (first) {
          first = false;
          session.config = msg;
          this.sessions.push(session);
          if (msg.is_speaking !== false) return;
        }
        if (msg.is_speaking === false) {
          session.ended = true;
          this.answer(ws, session);
        }
      });
    });
    return this;
  }

  private answer(ws: import('ws').WebSocket, s: FunAsrSession): void {
    const name = s.config.wav_name;
    const sentences = this.recognise(s);
    const stamp = (x: FunAsrSentence) => ({ text_seg: [...x.text.replace(/[，。？！]$/, '')].join(' '), punc: /[，。？！]$/.test(x.text) ? x.text.slice(-1) : '', start: x.startMs, end: x.endMs, ts_list: [] });
    const result = (xs: FunAsrSentence[], isFinal: boolean) =>
      JSON.stringify({
        mode: 'offline',
        wav_name: name,
        text: xs.map((x) => x.text).join(''),
        is_final: isFinal,
        timestamp: JSON.stringify(xs.map((x) => [x.startMs, x.endMs])),
        stamp_sents: xs.map(stamp),
      });
    switch (this.behaviour) {
      case 'cpp':
        ws.send(result(sentences, false));
        return;
      case 'python':
        sentences.forEach((x, i) => ws.send(result([x], i === sentences.length - 1)));
        if (sentences.length === 0) ws.send(result([], true));
        return;
      case 'notJson':
        ws.send('this is not json');
        return;
      case 'closeWithoutResult':
        ws.close(1011, 'model crashed');
        return;
      case 'silent':
        return;
    }
  }

  async close(): Promise<void> {
    for (const c of this.wss?.clients ?? []) c.terminate();
    await new Promise<void>((resolve) => (this.wss ? this.wss.close(() => resolve()) : resolve()));
  }
}

// Runs the IVR for calls to the hotline: every INVITE to the public number (12345 by default)
// gets a SipCallPort and an IvrInterpreter over the flow taken from the registry at that moment.
// The interpreter answers the call itself (the flow's "answer" node). When the IVR part ends
// with the call handed on (enqueued, transferred), the call stays up and belongs to whoever
// `onResult` hands it to; otherwise the handler hangs up.

import { TypedEmitter } from '../media/events.ts';
import type { Pacer } from '../media/pacer.ts';
import type { PortAllocator } from '../media/portAllocator.ts';
import { IvrInterpreter, type IvrResult } from '../ivr/interpreter.ts';
import type { IvrEvents } from '../ivr/context.ts';
import { PromptRenderer } from '../ivr/prompts.ts';
import type { FlowRegistry } from '../ivr/registry.ts';
import type { IvrServices } from '../ivr/services.ts';
import type { TextToSpeech } from '../tts/textToSpeech.ts';
import type { IncomingCall } from '../ua/incomingCall.ts';
import type { SipEndpoint } from '../ua/sipEndpoint.ts';
import type { WebRtcConfig } from '../webrtc/config.ts';
import { SipCallPort, numberOf } from './sipCallPort.ts';

export interface IvrCallHandlerOptions {
  endpoint: SipEndpoint;
  flows: FlowRegistry;
  services: IvrServices;
  tts: TextToSpeech;
  /** Fixed prompts (normally a PromptCache over `tts`). */
  staticTts?: TextToSpeech;
  pacer: Pacer;
  ports: PortAllocator;
  /** Called numbers handled here. Default ["12345"]. */
  numbers?: string[];
  /** Flow to run. Default "default". */
  flowId?: string;
  bindAddress?: string;
  mediaAddress?: string;
  /** ICE and codec settings for calls from browsers (WebRTC offers). */
  webrtc?: WebRtcConfig;
  /** Folder of {"file"} prompts. */
  promptDir?: string;
  now?: () => Date;
}

export interface IvrCallRecord {
  port: SipCallPort;
  interpreter: IvrInterpreter;
  result: Promise<IvrResult>;
}

export type IvrCallHandlerEvents = {
  /** An IVR run started for a call. */
  call: [record: IvrCallRecord];
  /** The IVR part of a call ended. */
  result: [result: IvrResult, port: SipCallPort];
  error: [error: unknown, call: IncomingCall];
};

const HANDED_ON = new Set(['enqueued', 'transferred']);

export class IvrCallHandler extends TypedEmitter<IvrCallHandlerEvents & Pick<IvrEvents, 'enqueue'>> {
  readonly #opts: IvrCallHandlerOptions;
  readonly #numbers: Set<string>;
  readonly #prompts: PromptRenderer;
  readonly active = new Set<SipCallPort>();
  #started = false;

  constructor(opts: IvrCallHandlerOptions) {
    super();
    this.#opts = opts;
    this.#numbers = new Set(opts.numbers ?? ['12345']);
    this.#prompts = new PromptRenderer({
      tts: opts.tts,
      ...(opts.staticTts === undefined ? {} : { staticTts: opts.staticTts }),
      ...(opts.promptDir === undefined ? {} : { fileDir: opts.promptDir }),
    });
  }

  readonly #onInvite = (call: IncomingCall): void => {
    if (!this.#numbers.has(numberOf(call.request.uri))) return;
    this.handle(call);
  };

  /** Starts taking calls from the endpoint. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#opts.endpoint.on('invite', this.#onInvite);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#opts.endpoint.off('invite', this.#onInvite);
  }

  /** Runs the IVR for one call (also usable without start(), for calls routed elsewhere). */
  handle(call: IncomingCall): IvrCallRecord | null {
    const flow = this.#opts.flows.get(this.#opts.flowId ?? 'default');
    if (flow === undefined) {
      this.emit('error', new RangeError(`no flow "${this.#opts.flowId ?? 'default'}" is loaded`), call);
      if (call.state === 'offered') call.reject(503);
      return null;
    }
    const port = new SipCallPort(call, {
      pacer: this.#opts.pacer,
      ports: this.#opts.ports,
      ...(this.#opts.bindAddress === undefined ? {} : { bindAddress: this.#opts.bindAddress }),
      ...(this.#opts.mediaAddress === undefined ? {} : { mediaAddress: this.#opts.mediaAddress }),
      ...(this.#opts.webrtc === undefined ? {} : { webrtc: this.#opts.webrtc }),
    });
    const interpreter = new IvrInterpreter({
      flow,
      port,
      services: this.#opts.services,
      prompts: this.#prompts,
      ...(this.#opts.now === undefined ? {} : { now: this.#opts.now }),
    });
    interpreter.on('enqueue', (...args) => this.emit('enqueue', ...args));
    this.active.add(port);
    call.on('end', () => this.active.delete(port));
    const result = interpreter.run().then(
      async (r) => {
        if (!HANDED_ON.has(r.reason)) await port.hangup(r.reason).catch(() => undefined);
        this.emit('result', r, port);
        return r;
      },
      async (e: unknown) => {
        await port.hangup('error').catch(() => undefined);
        this.emit('error', e, call);
        throw e;
      },
    );
    result.catch(() => undefined);
    const record: IvrCallRecord = { port, interpreter, result };
    this.emit('call', record);
    return record;
  }

  /** Hangs up every call still in the IVR or handed on through it. */
  async hangupAll(): Promise<void> {
    await Promise.all([...this.active].map((p) => p.hangup('shutdown').catch(() => undefined)));
  }
}

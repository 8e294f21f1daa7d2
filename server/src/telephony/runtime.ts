import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  EspeakTts, FlowRegistry, TtsError, IvrCallHandler, Pacer, PortAllocator, PromptCache, SipEndpoint, espeakVersion,
  type TextToSpeech,
} from '@hotline/telephony';
import type { Ctx } from '../context.ts';
import { FlowStore } from './flowStore.ts';
import { ExtensionStore } from './extensions.ts';
import { PlatformIvrServices } from './ivrServices.ts';

// The telephony engine as the server runs it: one SipEndpoint (UDP + TCP on SIP_PORT, WebSocket
// under the HTTP server at /sip), the registrar's credentials from sip_extensions, IVR flows from
// ivr_flows, and the IVR's callbacks implemented by the platform. The contact center attaches to
// `services.enqueueHandler` and to the endpoint's calls.

export interface TelephonyRuntime {
  endpoint: SipEndpoint;
  handler: IvrCallHandler;
  flows: FlowRegistry;
  flowStore: FlowStore;
  extensions: ExtensionStore;
  services: PlatformIvrServices;
  ports: { udp?: number; tcp?: number; tls?: number; wss?: number };
  tts: TextToSpeech | null;
  /** Speech for fixed prompts (cached when the engine is eSpeak); never null. */
  prompts: TextToSpeech;
  pacer: Pacer;
  rtpPorts: PortAllocator;
  /** Routes an HTTP upgrade for /sip to the WebSocket transport. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export interface TelephonyOptions {
  /** A speech engine; default eSpeak NG (WASM) when installed. Tests pass a fast one. */
  tts?: TextToSpeech;
  /** Clock for the IVR's time-of-day branches (tests). */
  now?: () => Date;
  log?: (message: string) => void;
}

function defaultTts(log: (m: string) => void): TextToSpeech | null {
  if (espeakVersion() === null) {
    log('telephony: eSpeak NG is not installed; IVR prompts that use TTS will fail over to their error branch');
    return null;
  }
  return new EspeakTts();
}

export async function startTelephony(ctx: Ctx, opts: TelephonyOptions = {}): Promise<TelephonyRuntime> {
  const env = ctx.env;
  const log = opts.log ?? (() => undefined);
  const flowStore = new FlowStore(ctx);
  const flows = new FlowRegistry();
  for (const p of await flowStore.loadInto(flows)) log(`telephony: stored flow not loaded: ${p}`);
  const offFlow = ctx.events.on('ivrFlow.activated', (e) => {
    const res = flows.load(e.document);
    if (!res.ok) log(`telephony: flow ${e.flowId} v${e.version} not loaded: ${res.errors.join('; ')}`);
  });

  const extensions = new ExtensionStore(ctx);
  await extensions.reload();
  const offExt = ctx.events.on('sipExtension.changed', () => extensions.reload());

  const endpoint = new SipEndpoint({
    ...(env.SIP_PUBLIC_HOST ? { publicHost: env.SIP_PUBLIC_HOST } : {}),
    publicNumbers: [env.HOTLINE_NUMBER],
    agentPassword: extensions.secretOf,
    trunks: env.SIP_TRUNKS,
  });
  const tls = env.SIP_TLS_CERT_FILE && env.SIP_TLS_KEY_FILE
    ? { cert: await readFile(env.SIP_TLS_CERT_FILE), key: await readFile(env.SIP_TLS_KEY_FILE) }
    : undefined;
  const ports = await endpoint.listen({
    host: env.SIP_HOST, udpPort: env.SIP_PORT, tcpPort: env.SIP_PORT,
    ...(tls ? { tls, tlsPort: env.SIP_TLS_PORT, wssPort: env.SIP_WSS_PORT } : {}),
  });
  if (env.SIP_TRUNKS.length > 0) endpoint.startTrunks();

  const engine = opts.tts ?? defaultTts(log);
  const tts: TextToSpeech = engine ?? unavailableTts;
  const services = new PlatformIvrServices(ctx);
  const pacer = new Pacer();
  const rtpPorts = new PortAllocator(env.RTP_PORT_MIN, env.RTP_PORT_MAX);
  // Fixed prompts are synthesized once and kept under the data directory.
  const prompts = engine && !opts.tts ? new PromptCache({ dir: path.join(env.dataDir, 'prompts'), engine }) : tts;
  const handler = new IvrCallHandler({
    endpoint,
    flows,
    services,
    tts,
    staticTts: prompts,
    pacer,
    ports: rtpPorts,
    numbers: [env.HOTLINE_NUMBER],
    flowId: env.IVR_FLOW,
    bindAddress: env.SIP_HOST,
    ...(env.SIP_PUBLIC_HOST ? { mediaAddress: env.SIP_PUBLIC_HOST } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  handler.on('error', (e) => log(`telephony: IVR error: ${e instanceof Error ? e.message : String(e)}`));
  handler.start();

  return {
    endpoint, handler, flows, flowStore, extensions, services, ports, tts: engine, prompts, pacer, rtpPorts,
    handleUpgrade: (req, socket, head) => endpoint.handleUpgrade(req, socket, head),
    async close() {
      offFlow();
      offExt();
      handler.stop();
      await handler.hangupAll();
      await endpoint.close();
      await engine?.close?.();
    },
  };
}

const unavailableTts: TextToSpeech = {
  engineId: 'none',
  synthesize: async () => {
    throw new TtsError('ENGINE_UNAVAILABLE', 'no text-to-speech engine is installed');
  },
};

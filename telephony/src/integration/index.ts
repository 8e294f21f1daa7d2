// Real-peer test kit, shared by the engine's own tests and the server's: run SIPp and baresip,
// generate caller audio (pcap) and scenarios, find free ports.
export { runSipp } from './sipp.ts';
export type { SippOptions, SippResult } from './sipp.ts';
export { Baresip } from './baresip.ts';
export type { BaresipOptions } from './baresip.ts';
export { hasCommand, freeUdpPort, scenario, SIPP_MISSING, BARESIP_MISSING } from './tools.ts';
export { callerAudioPackets, writeRtpPcap } from './pcap.ts';
export type { CallerAudioPart } from './pcap.ts';
export { callerScenario } from './callerScenario.ts';
export type { CallerScenario } from './callerScenario.ts';
export { selfSignedCert } from '../transport/testCerts.ts';

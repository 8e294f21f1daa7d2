// The automatic call distributor: queues, skills, priorities, routing strategies and agent states
// for voice and text, as one synchronous in-memory state owner. It knows nothing of SIP or HTTP;
// the CTI layer drives it with commands and listens to its events.
export { Acd, type AcdOptions } from './acd.ts';
export * from './config.ts';
export { AcdError, ACD_ERROR_CODES, type AcdErrorCode } from './errors.ts';
export type { AcdEventMap, AcdEventName } from './events.ts';
export { ManualScheduler, systemScheduler, type AcdScheduler, type TimerHandle } from './scheduler.ts';
export type * from './types.ts';
export { demoAcdConfig } from './demoConfig.ts';

export { parseMessage } from './src/sip/message.ts';
export { TYPICAL_INVITE } from './src/testing/fixtures.ts';

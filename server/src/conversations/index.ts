// What a text channel (WeChat, SMS, e-mail, web chat) needs to hand conversations in and get
// agents' replies out: register a ChannelSender for the channel, call receive() for each message.
export { ConversationService, conversationServiceFor, HANDOVER_TEXT, WELCOME_TEXT, type ReceiveOptions, type ReceiveResult } from './service.ts';
export { CitizenOrders, CITIZEN_STATUS } from './citizenOrders.ts';
export { DefaultResponder } from './responder.ts';
export { InMemoryConversationRouter } from './router.ts';
export { IDENTITY_KINDS, normalizeIdentity } from '../citizens/identity.ts';
export type {
  ChannelSender,
  ConversationRouter,
  ConversationRow,
  ConversationState,
  Identity,
  IdentityKind,
  InboundMessage,
  MessageKind,
  OutboundMessage,
  Responder,
  ResponderResult,
} from './types.ts';

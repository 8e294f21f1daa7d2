// Puts the knowledge bot in front of the conversations' responder of a platform: the commands of
// the responder it wraps (查询, 绑定, 人工) keep working, and everything else is asked of the bot.
// Called once at start-up by whoever owns the conversations' wiring (not from the routes, so tests
// of the channels keep their plain hand-over responder unless they ask for the bot).
import type { Ctx } from '../context.ts';
import { conversationServiceFor } from '../conversations/service.ts';
import type { KnowledgeBot } from './bot.ts';
import { KnowledgeResponder } from './responder.ts';

export function installKnowledgeResponder(ctx: Ctx, bot: KnowledgeBot): void {
  const conversations = conversationServiceFor(ctx);
  if (conversations.responder instanceof KnowledgeResponder) return;
  conversations.responder = new KnowledgeResponder(bot, ctx.clock, conversations.responder);
}

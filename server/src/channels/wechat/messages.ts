import type { InboundMessage } from '../../conversations/index.ts';
import { WechatXmlError } from './xml.ts';

/**
 * Custom-menu keys the bot understands as commands; any other CLICK key is passed on as typed
 * text, so a menu can also ask the knowledge bot a question.
 */
export const MENU_COMMANDS: Record<string, string> = {
  QUERY_ORDERS: '查询',
  TALK_TO_AGENT: '人工',
};

export type WechatAction =
  | { action: 'receive'; openid: string; msg: InboundMessage }
  /** The citizen unsubscribed: stored, then the conversation ends. */
  | { action: 'leave'; openid: string; msg: InboundMessage }
  /** Acknowledged and not stored (periodic location reports, delivery reports of template messages). */
  | { action: 'ignore'; reason: string };

const required = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType'];

/** What one push of WeChat's (normal message or event) means for the conversations. */
export function interpretPush(f: Record<string, string>): WechatAction {
  for (const k of required) if (!f[k]) throw new WechatXmlError(`missing ${k}`);
  if (!/^\d{1,12}$/.test(f.CreateTime!)) throw new WechatXmlError('CreateTime must be seconds since 1970');
  const openid = f.FromUserName!;
  const type = f.MsgType!;
  const msgId = f.MsgId ?? f.MsgID;
  const common = { channelMessageId: msgId ? `msg:${msgId}` : null };
  const receive = (msg: InboundMessage): WechatAction => ({ action: 'receive', openid, msg: { ...common, ...msg } });
  if (type !== 'event' && !msgId) throw new WechatXmlError('missing MsgId');
  switch (type) {
    case 'text':
      return receive({ kind: 'text', text: f.Content ?? '' });
    case 'image':
      return receive({ kind: 'image', text: '', data: { mediaId: f.MediaId ?? null, picUrl: f.PicUrl ?? null } });
    case 'voice':
      // Speech recognition (when the account has it on) lets the bot read a voice message.
      return receive({ kind: 'voice', text: f.Recognition ?? '', botText: f.Recognition || null, data: { mediaId: f.MediaId ?? null, format: f.Format ?? null, recognition: f.Recognition ?? null } });
    case 'video':
    case 'shortvideo':
      return receive({ kind: 'video', text: '', data: { mediaId: f.MediaId ?? null, thumbMediaId: f.ThumbMediaId ?? null, short: type === 'shortvideo' } });
    case 'location': {
      const lat = Number(f.Location_X);
      const lng = Number(f.Location_Y);
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new WechatXmlError('location without coordinates');
      return receive({ kind: 'location', text: f.Label ?? '', data: { lat, lng, scale: f.Scale ? Number(f.Scale) : null, label: f.Label ?? null } });
    }
    case 'link':
      return receive({ kind: 'link', text: f.Title ?? '', data: { title: f.Title ?? null, description: f.Description ?? null, url: f.Url ?? null } });
    case 'event':
      return interpretEvent(f, openid);
    default:
      // A type WeChat adds later is kept for an agent rather than dropped.
      return receive({ kind: 'event', text: `（暂不支持的消息类型：${type}）`, data: { msgType: type } });
  }
}

function interpretEvent(f: Record<string, string>, openid: string): WechatAction {
  const event = f.Event ?? '';
  const key = f.EventKey ?? '';
  // Events carry no MsgId; WeChat's advice is to recognise retries by sender and time.
  const base = { kind: 'event' as const, channelMessageId: `event:${openid}:${f.CreateTime}:${event}` };
  switch (event) {
    case 'subscribe':
      return { action: 'receive', openid, msg: { ...base, text: '（关注了公众号）', greet: true, data: { event, eventKey: key || null } } };
    case 'unsubscribe':
      return { action: 'leave', openid, msg: { ...base, text: '（取消关注）', data: { event } } };
    case 'SCAN':
      return { action: 'receive', openid, msg: { ...base, text: '（扫描二维码）', data: { event, eventKey: key || null } } };
    case 'CLICK':
      return { action: 'receive', openid, msg: { ...base, text: `（点击菜单：${key}）`, botText: MENU_COMMANDS[key] ?? (key || null), data: { event, eventKey: key } } };
    case 'VIEW':
      return { action: 'receive', openid, msg: { ...base, text: `（打开菜单链接：${key}）`, data: { event, url: key } } };
    case 'LOCATION':
      return { action: 'ignore', reason: 'periodic location report' };
    case 'TEMPLATESENDJOBFINISH':
      return { action: 'ignore', reason: `template message ${f.MsgID ?? ''}: ${f.Status ?? ''}` };
    default:
      return { action: 'ignore', reason: `event ${event}` };
  }
}

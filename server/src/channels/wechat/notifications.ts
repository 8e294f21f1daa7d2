import type { Ctx } from '../../context.ts';
import type { DomainEventMap } from '../../events.ts';
import { findById } from '../../workorders/repository.ts';
import { CITIZEN_STATUS, type CitizenOrders } from '../../conversations/index.ts';
import type { TemplateData, WechatApi } from './api.ts';

// Template fields have length rules by kind (thing: 20 characters, phrase: 5, character_string: 32).
const LIMITS: [RegExp, number][] = [
  [/^thing/, 20],
  [/^phrase/, 5],
  [/^character_string/, 32],
  [/^(name|keyword|first|remark)/, 20],
];

function fit(field: string, value: string): string {
  const max = LIMITS.find(([re]) => re.test(field))?.[1] ?? 20;
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('')}…`;
}

/** 2026年11月23日 09:05 in Beijing time, a form a template's time field accepts. */
export function beijingTime(at: Date): string {
  const t = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${t.slice(0, 4)}年${Number(t.slice(5, 7))}月${Number(t.slice(8, 10))}日 ${t.slice(11, 16)}`;
}

/**
 * Tells citizens on WeChat when their order moves to a state they would call different (受理 →
 * 办理中 → 已答复 → 已办结): a template message to every openid the order belongs to.
 * Returns the unsubscribe function.
 */
export function startTemplateNotifications(ctx: Ctx, api: WechatApi, orders: CitizenOrders, log: (err: unknown) => void): () => void {
  const templateId = ctx.env.WECHAT_TEMPLATE_ID;
  if (!templateId) return () => {};
  const [fTracking, fStatus, fTime, fTitle] = ctx.env.WECHAT_TEMPLATE_FIELDS.split(',') as [string, string, string, string];
  const notify = async (e: DomainEventMap['workOrder.changed']) => {
    const before = CITIZEN_STATUS[e.fromStatus];
    const after = CITIZEN_STATUS[e.toStatus];
    if (before === after) return;
    const openids = await orders.identitiesFor(e.id, 'wechat');
    if (!openids.length) return;
    const order = await findById(ctx.db, e.id);
    if (!order) return;
    const data: TemplateData = {
      [fTracking]: { value: fit(fTracking, e.trackingNumber) },
      [fStatus]: { value: fit(fStatus, after) },
      [fTime]: { value: beijingTime(e.at) },
      [fTitle]: { value: fit(fTitle, order.title) },
    };
    const url = ctx.env.PUBLIC_URL ? `${ctx.env.PUBLIC_URL.replace(/\/+$/, '')}/public/query?tn=${e.trackingNumber}` : undefined;
    for (const openid of openids) {
      await api.sendTemplate(openid, templateId, data, url).catch(log);
    }
  };
  return ctx.events.on('workOrder.changed', (e) => notify(e).catch(log));
}

// After an order is registered, its text is read for high-risk emotion (self-harm, threats,
// collective petitions) and emergencies; each raises one warning for the supervisors.
// main.ts calls installWarnings(ctx) once at start-up.

import type { Ctx } from '../../context.ts';
import { trackedListener, type ListenerHandle } from '../routing/listener.ts';
import { detectUrgency, type EmergencyKind } from '../routing/urgency.ts';
import { analyzeEmotion, type RiskReason } from './analyze.ts';
import { raiseWarning } from './warnings.ts';

export const REASON_TEXT: Partial<Record<RiskReason, string>> = {
  selfHarm: '轻生倾向',
  threatToOthers: '扬言伤害他人',
  massPetition: '扬言聚集或集体上访',
  angryEscalation: '情绪激烈并扬言升级投诉',
};

const EMERGENCY_TEXT: Record<EmergencyKind, string> = {
  gas: '燃气泄漏', fire: '火情', collapse: '坍塌', violence: '暴力伤害', selfHarm: '轻生', trapped: '人员被困', electric: '触电或电线险情',
  flood: '溺水或水险', poisoning: '中毒', missingPerson: '人员走失', outage: '停水停电', hazard: '安全隐患',
};

export function emergencySummary(kinds: EmergencyKind[]): string {
  return `紧急诉求：${kinds.map((k) => EMERGENCY_TEXT[k]).join('、') || '来电人标为紧急'}`;
}

/** Analyses one registered order and raises its warnings; returns how many were new. */
export async function warnForOrder(ctx: Ctx, orderId: string): Promise<number> {
  const [order] = await ctx.db.query<{ title: string; content: string; urgency: string }>('SELECT title, content, urgency FROM work_orders WHERE id = $1', [orderId]);
  if (!order) return 0;
  const text = `${order.title} ${order.content}`;
  const now = ctx.clock.now();
  let raised = 0;
  const emotion = analyzeEmotion(text);
  if (emotion.risk === 'high') {
    const reasons = emotion.reasons.filter((r) => r in REASON_TEXT);
    const terms = [...new Set(emotion.signals.filter((s) => !s.negated && !s.hypothetical).map((s) => s.term))].slice(0, 8);
    if (
      await raiseWarning(ctx.db, {
        kind: 'emotion', level: 'high', workOrderId: orderId, dedupeKey: `emotion:${orderId}`,
        summary: `高风险情绪：${reasons.map((r) => REASON_TEXT[r]).join('、')}`,
        details: { reasons, terms, scores: emotion.scores }, at: now,
      })
    ) raised++;
  }
  const urgency = detectUrgency(text);
  if (urgency.value === 'emergency' || order.urgency === 'emergency') {
    const terms = [...new Set(urgency.signals.filter((s) => !s.negated && !s.hypothetical).map((s) => s.term))].slice(0, 8);
    const kinds = urgency.value === 'emergency' ? urgency.kinds : [];
    if (
      await raiseWarning(ctx.db, {
        kind: 'emergency', level: 'high', workOrderId: orderId, dedupeKey: `emergency:${orderId}`,
        summary: emergencySummary(kinds), details: { kinds, terms, markedByAgent: order.urgency === 'emergency' }, at: now,
      })
    ) raised++;
  }
  return raised;
}

export function installWarnings(ctx: Ctx): ListenerHandle {
  return trackedListener(ctx.events, 'workOrder.registered', async (e) => {
    await warnForOrder(ctx, e.id);
  });
}

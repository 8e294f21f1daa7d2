import type { AppealType, Channel, Satisfaction } from '@hotline/shared';
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import { ManualClock } from '../clock.ts';
import { WorkOrderService } from '../workorders/service.ts';
import { suggestDepartments } from '../taxonomy/catalogue.ts';
import type { DemoDirectory } from './directory.ts';
import { ESTATES, ROADS, TEMPLATES, TIMES } from './templates.ts';

/** Small deterministic PRNG (mulberry32), so every fresh demo looks the same. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '罗', '高', '林'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂兰', '建华', '志强', '红梅'];
const CHANNELS: Channel[] = ['phone', 'phone', 'phone', 'phone', 'web', 'wechat', 'wechat', 'app', 'email', 'sms'];

export interface DemoActors {
  agent: Actor;
  dispatcher: Actor;
  followup: Actor;
  /** Handler and leader actors per department id. */
  staff: Map<string, { handler: Actor; leader: Actor }>;
}

/**
 * Generates `count` historical orders over the last `days` days and walks each through the real
 * service with a moved clock, so timelines, deadlines and audit rows are what production makes.
 */
export async function seedOrders(ctx: Ctx, dir: DemoDirectory, actors: DemoActors, count: number, days = 120): Promise<number> {
  const r = rng(12345);
  const clock = new ManualClock();
  const svc = new WorkOrderService({ ...ctx, clock });
  const cats = await ctx.db.query<{ id: string; full_name: string }>('SELECT id, full_name FROM categories');
  const catId = new Map(cats.map((c) => [c.full_name, c.id]));
  const now = ctx.clock.now().getTime();
  const starts = Array.from({ length: count }, () => now - r.next() ** 1.3 * days * 86_400_000).sort((a, b) => a - b);
  let made = 0;
  for (const start of starts) {
    const t = r.pick(TEMPLATES);
    const district = r.pick(dir.districts);
    const street = r.pick(district.streets);
    const fill = (s: string) =>
      s.replaceAll('{street}', street.name).replaceAll('{road}', r.pick(ROADS)).replaceAll('{estate}', r.pick(ESTATES)).replaceAll('{n}', String(r.int(2, 9))).replaceAll('{time}', r.pick(TIMES));
    const hour = r.int(8, 21);
    clock.set(new Date(Math.floor(start / 86_400_000) * 86_400_000 + (hour - 8) * 3600_000 + r.int(0, 59) * 60_000));
    const id = await svc.register(actors.agent, {
      channel: r.pick(CHANNELS),
      type: t.type as AppealType,
      urgency: t.urgency ?? 'normal',
      title: fill(t.title),
      content: fill(t.content),
      categoryId: catId.get(t.category),
      citizen: { name: r.pick(SURNAMES) + r.pick(GIVEN), phone: `1${r.pick(['38', '39', '50', '58', '86', '88', '77'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`, anonymous: r.chance(0.05), confidential: t.type === 'report' && r.chance(0.5) },
      location: { districtId: district.id, streetId: street.id, address: `${district.name}${street.name}` },
    });
    made++;
    const ageDays = (now - start) / 86_400_000;
    await walk(ctx, svc, clock, r, actors, { id, ageDays, reply: fill(t.reply), type: t.type, categoryId: catId.get(t.category) ?? null, districtId: district.id, streetDept: street.deptId, now });
  }
  return made;
}

async function walk(
  ctx: Ctx,
  svc: WorkOrderService,
  clock: ManualClock,
  r: ReturnType<typeof rng>,
  a: DemoActors,
  o: { id: string; ageDays: number; reply: string; type: string; categoryId: string | null; districtId: string; streetDept: string; now: number },
): Promise<void> {
  const step = async (actor: Actor, action: Parameters<WorkOrderService['apply']>[2], body: unknown, hours: number) => {
    clock.advance(hours * 3600_000 * (0.5 + r.next()));
    if (clock.now().getTime() > o.now) return false;
    await svc.apply(actor, o.id, action, body);
    return true;
  };
  // Fresh orders stay where they are; older ones get further along the lifecycle.
  const stage = o.ageDays < 0.5 ? 0 : o.ageDays < 3 ? r.int(0, 3) : o.ageDays < 10 ? r.int(2, 6) : r.int(5, 7);
  if (stage === 0) return;
  if (o.type === 'consultation' && r.chance(0.45)) {
    if (!(await step(a.agent, 'resolveOnSpot', { content: o.reply }, 0.1))) return;
    if (stage >= 6) await step(a.followup, 'followUp', { satisfaction: 'satisfied' }, 20);
    return;
  }
  if (r.chance(0.02)) {
    await step(a.dispatcher, 'cancel', { reason: '市民来电撤回诉求' }, 1);
    return;
  }
  const [suggestion] = o.categoryId ? await suggestDepartments(ctx.db, o.categoryId, o.districtId) : [];
  const lead = suggestion?.departmentId;
  if (!lead || !a.staff.has(lead)) return;
  if (!(await step(a.dispatcher, 'dispatch', { leadDepartmentId: lead }, 1))) return;
  let staff = a.staff.get(lead)!;
  if (!staff.handler.departmentKind.startsWith('district')) {
    if (r.chance(0.06)) {
      if (!(await step(staff.handler, 'return', { reason: '该事项不属于本单位职责范围，请改派属地街道。' }, 3))) return;
      if (!(await step(a.dispatcher, 'reassign', { leadDepartmentId: o.streetDept }, 2))) return;
      staff = a.staff.get(o.streetDept)!;
    }
  } else {
    // A district sub-center accepts nothing itself here: it passes the order down to the street.
    if (!(await step(staff.handler, 'dispatch', { leadDepartmentId: o.streetDept }, 2))) return;
    staff = a.staff.get(o.streetDept)!;
  }
  if (stage < 2 || !(await step(staff.handler, 'accept', {}, 4))) return;
  if (r.chance(0.15)) await step(a.dispatcher, 'urge', { note: '市民再次来电催促，请加快办理。' }, 20);
  if (r.chance(0.05)) {
    if (!(await step(staff.handler, 'extension', { op: 'request', days: 5, reason: '需协调多个部门联合处置。' }, 24))) return;
    if (!(await step(a.dispatcher, 'extension', { op: 'approve' }, 3))) return;
  }
  if (stage < 3 || !(await step(staff.handler, 'reply', { content: o.reply }, r.int(12, 96)))) return;
  if (r.chance(0.08)) {
    if (!(await step(staff.leader, 'review', { approve: false, note: '答复过于简单，请补充处理结果。' }, 3))) return;
    if (!(await step(staff.handler, 'reply', { content: `${o.reply}（已补充说明办理过程）` }, 8))) return;
  }
  if (stage < 4 || !(await step(staff.leader, 'review', { approve: true }, 4))) return;
  if (stage < 5 || !(await step(a.dispatcher, 'close', {}, 3))) return;
  if (stage < 6) return;
  const satisfaction: Satisfaction = r.pick(['satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied', 'neutral', 'neutral', 'dissatisfied']);
  if (!(await step(a.followup, 'followUp', { satisfaction }, 24))) return;
  if (satisfaction === 'dissatisfied' && r.chance(0.5)) await step(a.dispatcher, 'reopen', { reason: '市民对办理结果不满意，要求重新办理。' }, 4);
}

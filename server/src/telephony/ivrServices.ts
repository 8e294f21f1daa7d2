import { STATUS_LABELS, createWorkOrderBody } from '@hotline/shared';
import { serializeWav, type EnqueueRequest, type IvrMessage, type IvrServices, type SurveyAnswer, type WorkOrderLookup } from '@hotline/telephony';
import type { Ctx } from '../context.ts';
import { systemActor } from '../auth/systemActor.ts';
import { ivrKnowledgeTexts } from '../knowledge/ivr.ts';
import { WorkOrderService } from '../workorders/service.ts';
import * as repo from '../workorders/repository.ts';

// The platform side of the IVR: what the flows' lookup, record, survey, schedule and enqueue
// verbs ask of the server. Every callback may throw; the IVR then takes the flow's failure branch.

const MESSAGE_TYPES = { mailbox: 'suggestion', complaint: 'complaint', voicemail: 'help' } as const;
const MESSAGE_TITLES = { mailbox: '市长信箱语音留言', complaint: '电话投诉举报录音', voicemail: '热线语音留言' } as const;

/** Digits only, so a caller ID like "+86 138-0013-8000" compares equal to the registered number. */
const digits = (s: string | null | undefined): string => (s ?? '').replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');

/** The contact center's hand-off; until one is attached, enqueue declines and the flow's fallback runs. */
export type EnqueueHandler = (request: EnqueueRequest) => Promise<{ accepted: boolean; reason?: string }>;
export type TransferHandler = (request: { callId: string; number: string }) => Promise<{ ok: boolean; reason?: string }>;

export class PlatformIvrServices implements IvrServices {
  enqueueHandler: EnqueueHandler | null = null;
  transferHandler: TransferHandler | null = null;
  readonly #orders: WorkOrderService;

  constructor(private readonly ctx: Ctx) {
    this.#orders = new WorkOrderService(ctx);
  }

  /**
   * Status for anyone who knows the tracking number; the reply's text only when the call comes
   * from the phone number the citizen registered (caller ID), so a tracking number alone does not
   * disclose what the department answered. Confidential reports never say more than the status.
   */
  async lookupWorkOrder(trackingNumber: string, call?: { callerNumber: string; callId: string }): Promise<WorkOrderLookup> {
    const callerNumber = call?.callerNumber;
    if (!/^\d{13}$/.test(trackingNumber)) return { found: false };
    const o = await repo.findByTrackingNumber(this.ctx.db, trackingNumber);
    if (!o || o.status === 'merged') return { found: false };
    const statusText = STATUS_LABELS[o.status];
    const ownCall = callerNumber !== undefined && digits(callerNumber) !== '' && digits(callerNumber) === digits(o.citizenPhone);
    const replyVisible = ['replied', 'closed', 'followedUp'].includes(o.status) && !o.confidential && ownCall;
    return { found: true, statusText, ...(replyVisible && o.replyContent ? { replyText: o.replyContent } : {}) };
  }

  /** A voice message becomes a work order registered by the system, with the recording attached. */
  async leaveMessage(m: IvrMessage): Promise<{ trackingNumber?: string }> {
    const wav = serializeWav(m.recording.pcm, 8000, 1);
    const stored = await this.ctx.attachments.put(wav);
    const actor = await systemActor(this.ctx, 'ivr', '语音导航');
    const now = this.ctx.clock.now();
    const [att] = await this.ctx.db.query<{ id: string }>(
      'INSERT INTO attachments (uploaded_by, file_name, mime, size, sha256, storage_key, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id',
      [actor.id, `voice-${m.callId.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 60)}.wav`, 'audio/wav', wav.length, stored.sha256, stored.key, now],
    );
    const seconds = Math.round(m.recording.durationMs / 1000);
    const path = m.path.map((s) => (s.input ? `${s.node}(${s.input})` : s.node)).join(' → ');
    const input = createWorkOrderBody.parse({
      channel: 'phone',
      type: MESSAGE_TYPES[m.kind],
      title: MESSAGE_TITLES[m.kind],
      content: `来电号码 ${m.callerNumber} 在语音导航中留言（录音 ${seconds} 秒，见附件），请听取录音后补充诉求内容。语音导航路径：${path}`.slice(0, 5000),
      citizen: { name: '', phone: /^\+?[0-9\- ]{3,20}$/.test(m.callerNumber) ? m.callerNumber : '00000' },
      attachmentIds: [att!.id],
      sourceRef: `call:${m.callId}`.slice(0, 120),
    });
    const id = await this.#orders.register(actor, input);
    const order = await repo.findById(this.ctx.db, id);
    return { trackingNumber: order!.trackingNumber };
  }

  async recordSurvey(a: SurveyAnswer): Promise<void> {
    await this.ctx.db.query(
      'INSERT INTO ivr_survey_answers (at, survey, call_id, caller_number, digit, answer) VALUES ($1,$2,$3,$4,$5,$6)',
      [this.ctx.clock.now(), a.survey, a.callId, a.callerNumber, a.digit, a.answer],
    );
  }

  /**
   * `knowledge:<tag>`: the published public articles with that tag, as short spoken texts (the
   * IVR's policy-information branch follows the knowledge base without editing the flow).
   */
  async information(source: string): Promise<{ texts: string[] }> {
    const m = /^knowledge:(.+)$/.exec(source);
    if (!m) return { texts: [] };
    const articles = await ivrKnowledgeTexts(this.ctx, { tag: m[1]!, limit: 2 });
    return { texts: articles.map((a) => a.text) };
  }

  async isHoliday(date: string): Promise<boolean> {
    const [row] = await this.ctx.db.query<{ kind: string }>('SELECT kind FROM holidays WHERE date = $1', [date]);
    return row?.kind === 'holiday';
  }

  async isMakeupWorkday(date: string): Promise<boolean> {
    const [row] = await this.ctx.db.query<{ kind: string }>('SELECT kind FROM holidays WHERE date = $1', [date]);
    return row?.kind === 'workday';
  }

  async enqueue(request: EnqueueRequest): Promise<{ accepted: boolean; reason?: string }> {
    if (!this.enqueueHandler) return { accepted: false, reason: 'no contact center is running' };
    return this.enqueueHandler(request);
  }

  async transfer(request: { callId: string; number: string }): Promise<{ ok: boolean; reason?: string }> {
    if (!this.transferHandler) return { ok: false, reason: 'transfers are not configured' };
    return this.transferHandler(request);
  }
}

// In-memory IvrServices for tests (and for running the engine without a server): records every
// call the IVR makes and answers from tables the test fills in.

import type { EnqueueRequest, IvrMessage, IvrServices, SurveyAnswer, WorkOrderLookup } from '../services.ts';

export class FakeServices implements IvrServices {
  readonly workOrders = new Map<string, Omit<WorkOrderLookup, 'found'>>();
  readonly holidays = new Set<string>();
  readonly makeupWorkdays = new Set<string>();
  acceptEnqueue = true;
  lookupFails = false;
  nextTrackingNumber: string | undefined = '20250312000123';

  readonly lookups: string[] = [];
  readonly messages: IvrMessage[] = [];
  readonly surveys: SurveyAnswer[] = [];
  readonly enqueued: EnqueueRequest[] = [];
  readonly transfers: Array<{ callId: string; number: string }> = [];
  readonly holidayQueries: string[] = [];

  async lookupWorkOrder(trackingNumber: string): Promise<WorkOrderLookup> {
    this.lookups.push(trackingNumber);
    if (this.lookupFails) throw new Error('work-order service unavailable');
    const wo = this.workOrders.get(trackingNumber);
    return wo ? { found: true, ...wo } : { found: false };
  }

  async leaveMessage(message: IvrMessage): Promise<{ trackingNumber?: string }> {
    this.messages.push(message);
    return this.nextTrackingNumber === undefined ? {} : { trackingNumber: this.nextTrackingNumber };
  }

  async recordSurvey(answer: SurveyAnswer): Promise<void> {
    this.surveys.push(answer);
  }

  async isHoliday(date: string): Promise<boolean> {
    this.holidayQueries.push(date);
    return this.holidays.has(date);
  }

  async isMakeupWorkday(date: string): Promise<boolean> {
    return this.makeupWorkdays.has(date);
  }

  async enqueue(request: EnqueueRequest): Promise<{ accepted: boolean; reason?: string }> {
    if (!this.acceptEnqueue) return { accepted: false, reason: 'queue-full' };
    this.enqueued.push(request);
    return { accepted: true };
  }

  async transfer(request: { callId: string; number: string }): Promise<{ ok: boolean; reason?: string }> {
    this.transfers.push(request);
    return { ok: true };
  }
}

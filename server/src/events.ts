import { EventEmitter } from 'node:events';
import type { WorkOrderAction, WorkOrderStatus, Channel } from '@hotline/shared';

/**
 * Domain events, emitted after the transaction that caused them has committed, so a listener
 * (channel notifications, webhooks, the wallboard) never sees a change that was rolled back.
 * Listeners must not throw into the emitter: a failing notification must not fail the step.
 */
export interface DomainEventMap {
  'workOrder.registered': { id: string; trackingNumber: string; channel: Channel; at: Date; sourceRef: string | null };
  /** A flow version became the one new calls run (published or rolled back to). */
  'ivrFlow.activated': { flowId: string; version: number; document: unknown };
  /** A SIP extension was created, changed or disabled (the registrar's credentials follow). */
  'sipExtension.changed': { extension: string };
  'workOrder.changed': { id: string; trackingNumber: string; action: WorkOrderAction; fromStatus: WorkOrderStatus; toStatus: WorkOrderStatus; at: Date };
}

export class DomainEvents {
  private readonly ee = new EventEmitter();
  constructor() {
    this.ee.setMaxListeners(100);
  }
  on<K extends keyof DomainEventMap>(name: K, listener: (e: DomainEventMap[K]) => void | Promise<void>): () => void {
    const safe = (e: DomainEventMap[K]) => {
      try {
        const r = listener(e);
        if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((err) => this.ee.emit('listenerError', err));
      } catch (err) {
        this.ee.emit('listenerError', err);
      }
    };
    this.ee.on(name, safe);
    return () => this.ee.off(name, safe);
  }
  emit<K extends keyof DomainEventMap>(name: K, e: DomainEventMap[K]): void {
    this.ee.emit(name, e);
  }
  /** Failures of listeners land here (logged by main.ts) instead of in the caller. */
  onListenerError(fn: (err: unknown) => void): void {
    this.ee.on('listenerError', fn);
  }
}

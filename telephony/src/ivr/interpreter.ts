// Runs one call through one flow: node by node, each node a verb (verbs/), recording the path the
// caller took. The flow object is the snapshot the call started with (see registry.ts), so a flow
// loaded mid-call never changes a call in progress.

import { InvalidStateError } from '../media/errors.ts';
import { TypedEmitter } from '../media/events.ts';
import { CallEndedError, type CallPort } from './callPort.ts';
import type { EndReason, IvrEvents, IvrStep, Outcome, PromptSource, Verb, VerbContext } from './context.ts';
import type { Flow } from './flowSchema.ts';
import type { IvrServices } from './services.ts';
import { createVerb } from './verbs/index.ts';

export type IvrEndReason = EndReason | 'stopped' | 'loop' | 'error';

export interface IvrResult {
  reason: IvrEndReason;
  flow: { id: string; version: number };
  path: IvrStep[];
  vars: Record<string, string>;
  /** The hangup cause (reason "hangup") or the error message (reasons "loop", "error"). */
  detail?: string;
}

export interface IvrInterpreterOptions {
  flow: Flow;
  port: CallPort;
  services: IvrServices;
  prompts: PromptSource;
  /** The clock (schedule decisions, path timestamps); the server passes its own. */
  now?: () => Date;
  vars?: Record<string, string>;
}

export class IvrInterpreter extends TypedEmitter<IvrEvents & { end: [result: IvrResult] }> {
  readonly flow: Flow;
  readonly #port: CallPort;
  readonly #ctx: VerbContext;
  readonly #path: IvrStep[] = [];
  readonly #now: () => Date;
  #current: Verb | null = null;
  #hangupCause: string | null = null;
  #stopped = false;
  #state: 'new' | 'running' | 'done' = 'new';

  constructor(opts: IvrInterpreterOptions) {
    super();
    this.flow = opts.flow;
    this.#port = opts.port;
    this.#now = opts.now ?? (() => new Date());
    const vars: Record<string, string> = { ...opts.vars, callerNumber: opts.port.callerNumber, calledNumber: opts.port.calledNumber };
    this.#ctx = {
      port: opts.port,
      services: opts.services,
      prompts: opts.prompts,
      vars,
      flow: { id: opts.flow.id, version: opts.flow.version },
      now: this.#now,
      path: () => this.path,
      emit: (event, ...args) => {
        (this.emit as (e: typeof event, ...a: typeof args) => boolean)(event, ...args);
      },
    };
  }

  /** The nodes visited so far (copies). */
  get path(): IvrStep[] {
    return this.#path.map((s) => ({ ...s }));
  }

  /** Ends the IVR part of the call from outside (the call is taken over, or the engine shuts down). */
  stop(): void {
    if (this.#state !== 'running' || this.#stopped) return;
    this.#stopped = true;
    this.#current?.kill();
  }

  async run(): Promise<IvrResult> {
    if (this.#state !== 'new') throw new InvalidStateError('IvrInterpreter.run() may be called once');
    this.#state = 'running';
    this.#port.onHangup((cause) => {
      if (this.#state !== 'running' || this.#hangupCause !== null) return;
      this.#hangupCause = cause;
      this.#current?.kill();
    });
    const t0 = this.#now().getTime();
    let nodeId = this.flow.start;
    let errorRouted = false;
    for (let steps = 1; ; steps++) {
      if (this.#hangupCause !== null) return this.#finish('hangup', this.#hangupCause);
      if (this.#stopped) return this.#finish('stopped');
      if (steps > this.flow.maxSteps) {
        const msg = `flow "${this.flow.id}" v${this.flow.version} exceeded ${this.flow.maxSteps} steps (at node "${nodeId}")`;
        this.emit('error', new Error(msg));
        await this.#port.hangup('ivr-loop').catch(() => undefined);
        return this.#finish('loop', msg);
      }
      const verb = createVerb(nodeId, this.flow.nodes[nodeId]);
      const step: IvrStep = { node: nodeId, verb: verb.node.verb, at: this.#now().getTime() - t0 };
      this.#path.push(step);
      this.emit('node', { ...step });
      this.#current = verb;
      let outcome: Outcome;
      try {
        outcome = await verb.exec(this.#ctx);
      } catch (e) {
        const ended = this.#hangupCause ?? (e instanceof CallEndedError ? e.hangupCause : null);
        if (ended !== null) {
          step.note = 'hangup'; // where the caller gave up
          return this.#finish('hangup', ended);
        }
        if (this.#stopped) {
          step.note = 'stopped';
          return this.#finish('stopped');
        }
        const error = e instanceof Error ? e : new Error(String(e));
        step.note = 'error';
        this.emit('error', error);
        if (this.flow.onError !== undefined && !errorRouted) {
          errorRouted = true; // once: an error in the error branch must not loop
          nodeId = this.flow.onError;
          continue;
        }
        await this.#port.hangup('ivr-error').catch(() => undefined);
        return this.#finish('error', error.message);
      } finally {
        this.#current = null;
      }
      if (outcome.input !== undefined) step.input = outcome.input;
      if (outcome.note !== undefined) step.note = outcome.note;
      if (this.#hangupCause !== null) return this.#finish('hangup', this.#hangupCause);
      if ('end' in outcome) return this.#finish(outcome.end, outcome.end === 'completed' ? 'normal' : undefined);
      nodeId = outcome.next;
    }
  }

  #finish(reason: IvrEndReason, detail?: string): IvrResult {
    this.#state = 'done';
    if (reason === 'hangup') this.emit('hangup', { cause: detail ?? 'hangup', by: 'caller' });
    if (reason === 'completed') this.emit('hangup', { cause: detail ?? 'normal', by: 'ivr' });
    const result: IvrResult = {
      reason,
      flow: { id: this.flow.id, version: this.flow.version },
      path: this.path,
      vars: { ...this.#ctx.vars },
      ...(detail !== undefined ? { detail } : {}),
    };
    this.emit('end', result);
    return result;
  }
}

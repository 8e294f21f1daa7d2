// The tab's contact-center session: the ACD sign-in, the one events socket (the wallboard listens
// to it as well), the current call and its controls. It lives outside the pages (like the softphone)
// so a call survives moving between screens; it is reset when another user signs in in the tab.
import { useSyncExternalStore } from 'react';
import {
  connectCtiEvents,
  ctiApi,
  type AgentView,
  type CallView,
  type CtiEvent,
  type NotReadyReason,
  type TransferTarget,
} from '../../api/cti';
import { softphone } from '../../softphone/useSoftphone';
import { isBusy } from '../../softphone/state';
import { applyDeskEvent, initialDeskState, liveCallId, reconcileWithAgent, withCallUpdate, withNewCall, type DeskState, type LinkedOrder } from './deskModel';

const EXTENSION_KEY = 'hotline.extension';
const RELOAD_DEBOUNCE_MS = 300;

function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

class DeskStore {
  #state: DeskState = initialDeskState;
  readonly #listeners = new Set<() => void>();
  #userId: string | null = null;
  #closeEvents: (() => void) | null = null;
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #eventListeners = new Set<(e: CtiEvent) => void>();
  /** Bumped whenever the agent is reloaded, so the call log knows to reload too. */
  logVersion = 0;

  getState = (): DeskState => this.#state;
  subscribe = (fn: () => void): (() => void) => {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  };

  #set(patch: Partial<DeskState> | ((s: DeskState) => DeskState)): void {
    this.#state = typeof patch === 'function' ? patch(this.#state) : { ...this.#state, ...patch };
    for (const fn of [...this.#listeners]) fn();
  }

  /** Runs a server call; a failure becomes the banner, a success clears it. */
  async #run<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      const r = await f();
      if (this.#state.error) this.#set({ error: null });
      return r;
    } catch (e) {
      this.#set({ error: toError(e) });
      return undefined;
    }
  }

  #takeAgent(agent: AgentView | undefined): void {
    if (!agent) return;
    this.logVersion++;
    this.#set((s) => reconcileWithAgent({ ...s, agent, loading: false }));
  }

  /** Called by the page on mount: loads the agent once per signed-in user and opens the events socket. */
  init(userId: string): void {
    if (this.#userId === userId) return;
    this.reset();
    this.#userId = userId;
    this.#closeEvents = connectCtiEvents({
      onEvent: (e) => {
        for (const fn of [...this.#eventListeners]) fn(e);
        const { state, effects } = applyDeskEvent(this.#state, e);
        if (state !== this.#state) this.#set(() => state);
        if (effects.loadPop) void this.#loadPop(effects.loadPop);
        if (effects.loadCall) void this.#loadCall(effects.loadCall);
        if (effects.reloadAgent) this.#scheduleReload();
      },
      onStatus: (events) => {
        this.#set({ events });
        // Whatever happened while the socket was down (an offer, a hang-up), the server knows it.
        if (events === 'open' && this.#state.agent) this.#scheduleReload();
      },
    });
    void this.#firstLoad();
  }

  /** Every event of the tab's one events socket (the wallboard reads them too). */
  onEvent(fn: (e: CtiEvent) => void): () => void {
    this.#eventListeners.add(fn);
    return () => this.#eventListeners.delete(fn);
  }

  /** Forgets everything (another user signed in, or the app signed out). */
  reset(): void {
    this.#closeEvents?.();
    this.#closeEvents = null;
    clearTimeout(this.#reloadTimer);
    softphone.stop();
    this.#userId = null;
    this.#state = initialDeskState;
    for (const fn of [...this.#listeners]) fn();
  }

  async #firstLoad(): Promise<void> {
    try {
      const agent = await ctiApi.me();
      this.#takeAgent(agent);
      // Signed in to the ACD (e.g. before a reload) but the phone has no credentials: sign in again to get them.
      if (agent.state !== 'loggedOut' && agent.extension && !softphone.credentials) await this.login(agent.extension);
      const current = agent.calls.find((c) => c.state !== 'ended' && c.state !== 'survey');
      if (current) {
        this.#set((s) => withNewCall(s, current, null));
        void this.#loadPop(current.id);
      }
    } catch (e) {
      this.#set({ loading: false, error: toError(e) });
    }
  }

  #scheduleReload(): void {
    clearTimeout(this.#reloadTimer);
    this.#reloadTimer = setTimeout(() => void this.reloadAgent(), RELOAD_DEBOUNCE_MS);
  }

  async reloadAgent(): Promise<void> {
    this.#takeAgent(await this.#run(() => ctiApi.me()));
  }

  async #loadPop(callId: string): Promise<void> {
    const pop = await this.#run(() => ctiApi.screenPop(callId));
    if (pop) this.#set((s) => (s.call && s.call.id !== pop.call.id && s.call.state !== 'ended' ? s : withNewCall(s, pop.call, pop)));
  }

  async #loadCall(callId: string): Promise<void> {
    const call = await this.#run(() => ctiApi.call(callId));
    if (call) this.#set((s) => withCallUpdate(s, call));
  }

  /** The extension to prefill: the agent's own, else the last one used in this browser. */
  defaultExtension(): string {
    return this.#state.agent?.extension ?? localStorage.getItem(EXTENSION_KEY) ?? '';
  }

  async login(extension: string): Promise<boolean> {
    const r = await this.#run(() => ctiApi.login(extension));
    if (!r) return false;
    localStorage.setItem(EXTENSION_KEY, extension);
    const { sip, ...agent } = r;
    this.#takeAgent(agent);
    void softphone.start(sip);
    return true;
  }

  async logout(): Promise<void> {
    const r = await this.#run(() => ctiApi.logout());
    if (!r) return;
    softphone.stop();
    this.#takeAgent(r);
  }

  async ready(): Promise<void> {
    this.#takeAgent(await this.#run(() => ctiApi.setState('ready')));
  }

  async notReady(reason: NotReadyReason): Promise<void> {
    this.#takeAgent(await this.#run(() => ctiApi.setState('notReady', reason)));
  }

  async wrapUpDone(): Promise<void> {
    this.#takeAgent(await this.#run(() => ctiApi.wrapUpDone()));
  }

  dismissError(): void {
    this.#set({ error: null });
  }

  // ---- call control: the softphone where it holds the call's media, the CTI for the rest ----

  async #onCall(f: (id: string) => Promise<CallView>): Promise<boolean> {
    const id = liveCallId(this.#state);
    if (!id) return false;
    const r = await this.#run(() => f(id));
    if (r) this.#set((s) => withCallUpdate(s, r));
    return r !== undefined;
  }

  /** Answers on the softphone when it rings, else asks the CTI (a phone that cannot answer by itself). */
  async answer(): Promise<void> {
    if (softphone.getState().call?.status === 'ringing') softphone.answer();
    else await this.#onCall(ctiApi.answer);
  }

  async hangup(): Promise<void> {
    if (isBusy(softphone.getState())) softphone.hangup();
    else await this.#onCall(ctiApi.hangup);
  }

  // Hold, mute and DTMF go through the CTI, which acts on the caller's leg (music on hold, RFC 4733
  // to the caller); the softphone does them itself only when the CTI does not know the call.
  async hold(): Promise<void> {
    if (!(await this.#onCall(ctiApi.hold)) && !liveCallId(this.#state)) softphone.hold();
  }

  async resume(): Promise<void> {
    if (!(await this.#onCall(ctiApi.resume)) && !liveCallId(this.#state)) softphone.unhold();
  }

  async mute(): Promise<void> {
    if (await this.#onCall(ctiApi.mute)) this.#set({ muted: true });
    else if (!liveCallId(this.#state)) softphone.mute();
  }

  async unmute(): Promise<void> {
    if (await this.#onCall(ctiApi.unmute)) this.#set({ muted: false });
    else if (!liveCallId(this.#state)) softphone.unmute();
  }

  async dtmf(digits: string): Promise<void> {
    if (!liveCallId(this.#state)) {
      softphone.sendDTMF(digits);
      return;
    }
    await this.#onCall((id) => ctiApi.dtmf(id, digits));
  }

  transfer = (target: TransferTarget) => this.#onCall((id) => ctiApi.transfer(id, target));
  consult = (target: TransferTarget) => this.#onCall((id) => ctiApi.consult(id, target));
  completeConsult = () => this.#onCall(ctiApi.completeConsult);
  conference = () => this.#onCall(ctiApi.conference);

  async dial(number: string): Promise<boolean> {
    const call = await this.#run(() => ctiApi.dial(number));
    if (call) this.#set((s) => withNewCall(s, call, null));
    return call !== undefined;
  }

  /** Links a work order to the current call; resolves to false (and shows the banner) when that fails. */
  async linkOrder(order: LinkedOrder): Promise<boolean> {
    const callId = this.#state.call?.id;
    if (!callId) return false;
    const r = await this.#run(() => ctiApi.linkWorkOrder(callId, order.id));
    if (r === undefined) return false;
    this.#set((s) => withCallUpdate({ ...s, linked: s.linked.some((l) => l.id === order.id) ? s.linked : [...s.linked, order] }, asCallView(r)));
    return true;
  }
}

/** The link call may answer with the call view or with nothing useful. */
function asCallView(v: unknown): CallView | null {
  return v && typeof v === 'object' && 'id' in v && 'state' in v ? (v as CallView) : null;
}

export const deskStore = new DeskStore();

export function useDesk(): DeskState {
  return useSyncExternalStore(deskStore.subscribe, deskStore.getState);
}

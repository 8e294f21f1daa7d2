// The wallboard's data: loaded with GET /wallboard, kept live by the tab's events socket, and
// reloaded periodically (often while the socket is down, now and then while it is up, to correct
// any drift).
import { useCallback, useEffect, useRef, useState } from 'react';
import { ctiApi, type CallView, type EventsStatus } from '../../api/cti';
import { deskStore } from '../desktop/deskStore';
import { addEnded, applyWallboardEvent, boardFrom, type Board } from './wallboardModel';

export const POLL_DOWN_SECONDS = 5;
const POLL_UP_SECONDS = 30;
const RELOAD_DEBOUNCE_MS = 300;

export interface WallboardData {
  board: Board | null;
  error: Error | null;
  ended: CallView[];
  reload: () => Promise<void>;
  /** Remembers an ended call looked up by id, so it joins the recordings list. */
  rememberEnded: (call: CallView) => void;
}

export function useWallboard(events: EventsStatus): WallboardData {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [ended, setEnded] = useState<CallView[]>([]);
  const boardRef = useRef<Board | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reload = useCallback(async () => {
    try {
      const w = await ctiApi.wallboard();
      boardRef.current = boardFrom(w, Date.now());
      setBoard(boardRef.current);
      setError(null);
      const done = w.calls.filter((c) => c.state === 'ended');
      if (done.length) setEnded((list) => done.reduce((l, c) => addEnded(l, c), list));
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    }
  }, []);

  useEffect(() => {
    void reload();
    const off = deskStore.onEvent((e) => {
      const current = boardRef.current;
      if (!current) return;
      const r = applyWallboardEvent(current, e, Date.now());
      if (r.board !== current) {
        boardRef.current = r.board;
        setBoard(r.board);
      }
      const endedCall = r.ended;
      if (endedCall) setEnded((list) => addEnded(list, endedCall));
      if (r.endedId) {
        ctiApi.call(r.endedId).then(
          (c) => setEnded((list) => addEnded(list, c)),
          () => undefined, // the list is a convenience; a call can still be looked up by id
        );
      }
      if (r.reload) {
        clearTimeout(timer.current);
        timer.current = setTimeout(() => void reload(), RELOAD_DEBOUNCE_MS);
      }
    });
    return () => {
      off();
      clearTimeout(timer.current);
    };
  }, [reload]);

  const wasOpen = useRef(events === 'open');
  useEffect(() => {
    const seconds = events === 'open' ? POLL_UP_SECONDS : POLL_DOWN_SECONDS;
    const id = setInterval(() => void reload(), seconds * 1000);
    // Back online: catch up at once with what the socket missed.
    if (events === 'open' && !wasOpen.current) void reload();
    wasOpen.current = events === 'open';
    return () => clearInterval(id);
  }, [events, reload]);

  const rememberEnded = useCallback((call: CallView) => setEnded((list) => addEnded(list, call)), []);
  return { board, error, ended, reload, rememberEnded };
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Ctx } from '../../context.ts';
import type { AuthService } from '../../auth/authService.ts';
import type { Actor } from '../../auth/actor.ts';
import { isHotlineStaff } from '../../auth/actor.ts';
import { SESSION_COOKIE } from '../../http/authHooks.ts';
import type { CtiEvent } from './contactCenter.ts';

// The CTI event stream at /api/v1/cti/events (docs/CTI.md). Browsers cannot put a bearer token
// on a WebSocket, so it comes as ?token= or as the session cookie. Agents get the events about
// themselves and their calls; supervisors and admins get all of them. A slow client whose send
// buffer passes 1 MiB is dropped rather than letting the server buffer without bound.

const MAX_BUFFERED = 1 << 20;

function tokenOf(req: IncomingMessage): { kind: 'bearer' | 'session'; value: string } | null {
  const url = new URL(req.url ?? '/', 'http://x');
  const t = url.searchParams.get('token');
  if (t) return { kind: 'bearer', value: t };
  const cookie = req.headers.cookie?.split(/;\s*/).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  return cookie ? { kind: 'session', value: decodeURIComponent(cookie.slice(SESSION_COOKIE.length + 1)) } : null;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function ctiEventsUpgrade(ctx: Ctx, auth: AuthService) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const tok = tokenOf(req);
    if (!tok) return reject(socket, 401, 'Unauthorized');
    const verify = tok.kind === 'bearer' ? auth.fromBearer(tok.value) : auth.fromSession(tok.value);
    verify.then(
      (actor) => {
        if (!isHotlineStaff(actor) || !['agent', 'supervisor', 'admin'].includes(actor.role)) return reject(socket, 403, 'Forbidden');
        const cc = ctx.contactCenter;
        if (!cc) return reject(socket, 503, 'Service Unavailable');
        wss.handleUpgrade(req, socket, head, (ws) => serve(ws, actor, cc.events));
      },
      () => reject(socket, 401, 'Unauthorized'),
    );
  };
}

function serve(ws: WebSocket, actor: Actor, events: import('node:events').EventEmitter<{ event: [CtiEvent] }>): void {
  const all = actor.role === 'supervisor' || actor.role === 'admin';
  const onEvent = (e: CtiEvent) => {
    if (!all && !e.agentIds.includes(actor.id)) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify({ type: e.type, at: e.at, data: e.data }));
  };
  events.on('event', onEvent);
  ws.on('close', () => events.off('event', onEvent));
  ws.on('message', () => undefined); // the stream is one-way; commands go through the REST API
  ws.send(JSON.stringify({ type: 'hello', at: new Date().toISOString(), data: { agentId: actor.id, scope: all ? 'all' : 'own' } }));
}

import { beforeEach, describe, expect, it } from 'vitest';
import { responseTo } from '../sip/message.ts';
import { parseNameAddr } from '../sip/nameAddr.ts';
import { FakeClock } from '../transaction/clock.ts';
import { InviteServerTransaction } from '../transaction/inviteServer.ts';
import { NonInviteServerTransaction } from '../transaction/nonInviteServer.ts';
import { RecordingSender, UDP_PEER, invite, request } from '../transaction/testKit.ts';
import { DEFAULT_TIMERS } from '../transaction/timers.ts';
import { TransactionLayer, withToTag } from '../transaction/transactionLayer.ts';
import { SipStack } from '../transport/sipStack.ts';
import { Dialog } from './dialog.ts';
import { parseInfoDtmf } from './inDialogBodies.ts';
import { InviteSession } from './inviteSession.ts';
import { answerDirection, sdpDirection, withDirection } from './sdpDirection.ts';
import type { TerminationReason } from './services.ts';

// Dialog and session rules on a fake clock: 2xx retransmission until the ACK and BYE when it never
// comes (§13.3.1.4), in-dialog request construction with loose and strict routes (§12.2.1.1),
// CSeq ordering (§12.2.2), INFO DTMF bodies, and the SDP direction rewrites of hold/resume.

let clock: FakeClock;
let sender: RecordingSender;
let session: InviteSession;
let ended: TerminationReason[];

function makeSession(): InviteSession {
  const stack = new SipStack({ publicHost: '192.0.2.1' });
  stack.sendRaw = (flow, data) => sender.sendRaw(flow, data);
  const ctx = { clock, timers: DEFAULT_TIMERS };
  const transactions = new TransactionLayer(stack, ctx);
  const req = invite();
  const s = new InviteSession(Dialog.asUas(req, 'ours', UDP_PEER), {
    ctx,
    transactions,
    stack,
    allow: 'INVITE, ACK, BYE',
    contact: () => parseNameAddr('<sip:192.0.2.1:5060>')!,
    onTerminated: () => undefined,
  }, { localSdp: withDirection(sdp, 'sendrecv') });
  s.on('terminated', (r) => ended.push(r));
  return s;
}

const sdp = 'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=sendrecv\r\n';

beforeEach(() => {
  clock = new FakeClock();
  sender = new RecordingSender();
  ended = [];
  session = makeSession();
});

describe('UAS 2xx reliability (§13.3.1.4)', () => {
  it('retransmits the 2xx at T1, 2T1, 4T1… until the ACK', () => {
    const req = invite();
    const st = new InviteServerTransaction({ clock, timers: DEFAULT_TIMERS }, sender, req, UDP_PEER, () => undefined);
    session.acceptInitial(st, withToTag(responseTo(req, 200), 'ours'));
    clock.advance(500 + 1000 + 2000);
    expect(sender.lines).toEqual(['200', '200', '200', '200']);
    session.onAck({ ...invite('z9hG4bKack', 'ACK', 'ours') });
    clock.advance(10_000);
    expect(sender.lines).toHaveLength(4);
    expect(session.state).toBe('confirmed');
  });

  it('without an ACK for 64·T1, confirms and at once ends the call with BYE', () => {
    const req = invite();
    const st = new InviteServerTransaction({ clock, timers: DEFAULT_TIMERS }, sender, req, UDP_PEER, () => undefined);
    session.acceptInitial(st, withToTag(responseTo(req, 200), 'ours'));
    clock.advance(32_000);
    expect(sender.lines.at(-1)).toBe('BYE');
    expect(ended).toEqual(['ack-timeout']);
  });
});

describe('in-dialog requests', () => {
  it('a BYE is built from the dialog: tags swapped, CSeq counting up from ours (§12.2.1.1)', () => {
    const bye = session.buildRequest('BYE');
    const next = session.buildRequest('INFO');
    expect(bye.to.params).toContainEqual({ name: 'tag', value: 'ft1' });
    expect(bye.from.params).toContainEqual({ name: 'tag', value: 'ours' });
    expect(next.cseq.seq).toBe(bye.cseq.seq + 1);
    expect(bye.uri).toMatchObject({ user: 'alice', host: '192.0.2.10', port: 5060 });
  });

  it('loose route: Request-URI is the remote target and the route set becomes Route', () => {
    const req = request(`INVITE sip:12345@192.0.2.1 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKrr
Record-Route: <sip:proxy.example;lr>
From: <sip:alice@192.0.2.10>;tag=ft1
To: <sip:12345@192.0.2.1>
Call-ID: rr-1
CSeq: 1 INVITE
Contact: <sip:alice@192.0.2.10:5060>
Content-Length: 0
`);
    const d = Dialog.asUas(req, 'ours', UDP_PEER);
    const bye = d.request('BYE', req.via[0]!, parseNameAddr('<sip:192.0.2.1>')!);
    expect(bye.uri).toMatchObject({ user: 'alice' });
    expect(bye.route.map((r) => r.uri)).toEqual([expect.objectContaining({ host: 'proxy.example' })]);
  });

  it('strict route (no lr): the first route becomes the Request-URI, the remote target ends the Route', () => {
    const b = Dialog.asUas(invite(), 'ours', UDP_PEER);
    const d = new Dialog({
      callId: b.callId,
      localTag: b.localTag,
      remoteTag: b.remoteTag,
      localUri: b.localUri,
      remoteUri: b.remoteUri,
      localSeq: 1,
      remoteSeq: 1,
      remoteTarget: parseNameAddr('<sip:alice@192.0.2.10>')!.uri,
      routeSet: [parseNameAddr('<sip:old.example>')!],
      flow: UDP_PEER,
    });
    const bye = d.request('BYE', invite().via[0]!, parseNameAddr('<sip:192.0.2.1>')!);
    expect(bye.uri).toMatchObject({ host: 'old.example' });
    expect(bye.route.at(-1)!.uri).toMatchObject({ user: 'alice' });
  });

  it('a request with a lower CSeq than the last is refused with 500 (§12.2.2)', () => {
    const st = (seq: number): { res: () => number | undefined; st: NonInviteServerTransaction } => {
      const r = { ...invite('z9hG4bKi' + seq, 'INFO', 'ours'), cseq: { seq, method: 'INFO' } };
      const t = new NonInviteServerTransaction({ clock, timers: DEFAULT_TIMERS }, sender, r, UDP_PEER, () => undefined);
      session.handleRequest(r, t);
      return { res: () => t.lastResponse?.status, st: t };
    };
    expect(st(5).res()).toBe(200);
    expect(st(3).res()).toBe(500);
  });

  it('reads INFO DTMF in application/dtmf-relay and application/dtmf', () => {
    const info = (type: string, body: string) =>
      request(`INFO sip:x@192.0.2.1 SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKd
From: <sip:a@b>;tag=1
To: <sip:x@y>;tag=2
Call-ID: d
CSeq: 2 INFO
Content-Type: ${type}
Content-Length: ${body.length}

${body}`);
    expect(parseInfoDtmf(info('application/dtmf-relay', 'Signal=#\r\nDuration=250\r\n'))).toEqual({ digit: '#', durationMs: 250 });
    expect(parseInfoDtmf(info('application/dtmf-relay', 'Signal=11\r\n'))).toEqual({ digit: '#', durationMs: 160 });
    expect(parseInfoDtmf(info('application/dtmf', '7'))).toEqual({ digit: '7', durationMs: 160 });
    expect(parseInfoDtmf(info('application/dtmf-relay', 'Signal=<script>\r\n'))).toBeUndefined();
  });
});

describe('hold/resume SDP', () => {
  it('rewrites the direction and bumps the o= version; the answer mirrors the offer', () => {
    const held = withDirection(sdp, 'sendonly');
    expect(sdpDirection(held)).toBe('sendonly');
    expect(held).toContain('o=- 1 2 IN IP4');
    expect(answerDirection('sendonly')).toBe('recvonly');
    expect(answerDirection('inactive')).toBe('inactive');
    expect(answerDirection('sendrecv')).toBe('sendrecv');
  });
});

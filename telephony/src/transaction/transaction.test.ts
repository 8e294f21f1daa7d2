import { beforeEach, describe, expect, it } from 'vitest';
import { responseTo } from '../sip/message.ts';
import { FakeClock } from './clock.ts';
import { InviteClientTransaction } from './inviteClient.ts';
import { NonInviteClientTransaction } from './nonInviteClient.ts';
import { RecordingSender, TCP_PEER, UDP_PEER, invite, responseFor } from './testKit.ts';
import { DEFAULT_TIMERS } from './timers.ts';
import type { TransactionContext } from './timers.ts';
import type { ClientTransactionUser } from './types.ts';
import { InviteServerTransaction } from './inviteServer.ts';
import { NonInviteServerTransaction } from './nonInviteServer.ts';
import { withToTag } from './transactionLayer.ts';

// RFC 3261 §17 state machines, timer by timer, on a fake clock (T1 = 500 ms, T2 = 4 s, T4 = 5 s).

let clock: FakeClock;
let ctx: TransactionContext;
let sender: RecordingSender;
let events: string[];
let terminated: boolean;
const user: ClientTransactionUser = {
  response: (r) => events.push(String(r.status)),
  failed: (why) => events.push(why),
};
const onTerminated = (): void => void (terminated = true);

beforeEach(() => {
  clock = new FakeClock();
  ctx = { clock, timers: DEFAULT_TIMERS };
  sender = new RecordingSender();
  events = [];
  terminated = false;
});

describe('INVITE client transaction (§17.1.1)', () => {
  it('retransmits on Timer A at T1, 2T1, 4T1… and times out on Timer B after 64·T1', () => {
    const ct = new InviteClientTransaction(ctx, sender, invite(), UDP_PEER, user, onTerminated);
    ct.start();
    clock.advance(500); // A: 500
    clock.advance(1000); // A: 1000
    clock.advance(2000);
    expect(sender.lines).toEqual(['INVITE', 'INVITE', 'INVITE', 'INVITE']);
    clock.advance(32_000 - 3500);
    expect(events).toEqual(['timeout']);
    expect(terminated).toBe(true);
    expect(ct.state).toBe('terminated');
  });

  it('does not retransmit over a reliable transport', () => {
    new InviteClientTransaction(ctx, sender, invite(), TCP_PEER, user, onTerminated).start();
    clock.advance(10_000);
    expect(sender.lines).toEqual(['INVITE']);
  });

  it('stops retransmitting on a provisional and ACKs a non-2xx itself, absorbing retransmissions', () => {
    const req = invite();
    const ct = new InviteClientTransaction(ctx, sender, req, UDP_PEER, user, onTerminated);
    ct.start();
    ct.receive(responseFor(req, 180));
    clock.advance(5000);
    expect(sender.lines).toEqual(['INVITE']);
    ct.receive(responseFor(req, 486));
    ct.receive(responseFor(req, 486)); // retransmitted final: ACK again, not passed up
    expect(events).toEqual(['180', '486']);
    expect(sender.lines).toEqual(['INVITE', 'ACK', 'ACK']);
    const ack = sender.sent[1]!.msg;
    expect(ack.kind === 'request' && ack.uri).toEqual(req.uri);
    expect(ack.via[0]).toEqual(req.via[0]);
    expect(ack.to.params).toContainEqual({ name: 'tag', value: 'tt1' });
    clock.advance(32_000); // Timer D
    expect(terminated).toBe(true);
  });

  it('passes every 2xx up in Accepted (RFC 6026) and terminates on Timer M', () => {
    const req = invite();
    const ct = new InviteClientTransaction(ctx, sender, req, UDP_PEER, user, onTerminated);
    ct.start();
    ct.receive(responseFor(req, 200));
    ct.receive(responseFor(req, 200));
    expect(events).toEqual(['200', '200']);
    expect(sender.lines).toEqual(['INVITE']); // the 2xx ACK belongs to the dialog
    expect(ct.state).toBe('accepted');
    clock.advance(32_000);
    expect(terminated).toBe(true);
  });

  it('reports a transport failure at once', () => {
    sender.fail = true;
    new InviteClientTransaction(ctx, sender, invite(), UDP_PEER, user, onTerminated).start();
    expect(events).toEqual(['transport']);
  });
});

describe('non-INVITE client transaction (§17.1.2)', () => {
  it('retransmits on Timer E doubling up to T2 and times out on Timer F', () => {
    new NonInviteClientTransaction(ctx, sender, invite('z9hG4bKo1', 'OPTIONS'), UDP_PEER, user, onTerminated).start();
    // 500, 1000, 2000, 4000, 4000, … until 32 s
    clock.advance(500 + 1000 + 2000 + 4000 + 4000);
    expect(sender.lines.length).toBe(6);
    clock.advance(32_000);
    expect(events).toEqual(['timeout']);
  });

  it('retransmits at T2 once Proceeding and lingers T4 in Completed (Timer K)', () => {
    const req = invite('z9hG4bKo2', 'OPTIONS');
    const ct = new NonInviteClientTransaction(ctx, sender, req, UDP_PEER, user, onTerminated);
    ct.start();
    ct.receive(responseFor(req, 100));
    clock.advance(500); // E fires at the old interval, then T2
    clock.advance(4000);
    expect(sender.lines.length).toBe(3);
    ct.receive(responseFor(req, 200));
    ct.receive(responseFor(req, 200)); // absorbed
    expect(events).toEqual(['100', '200']);
    clock.advance(4999);
    expect(terminated).toBe(false);
    clock.advance(1);
    expect(terminated).toBe(true);
  });
});

describe('INVITE server transaction (§17.2.1)', () => {
  it('answers a retransmitted INVITE with the last provisional, then the final', () => {
    const req = invite();
    const st = new InviteServerTransaction(ctx, sender, req, UDP_PEER, onTerminated);
    st.respond(responseTo(req, 100));
    st.receiveRequest();
    st.respond(withToTag(responseTo(req, 486), 'x'));
    st.receiveRequest();
    expect(sender.lines).toEqual(['100', '100', '486', '486']);
  });

  it('retransmits a non-2xx final on Timer G until the ACK, then lingers T4 (Timer I)', () => {
    const req = invite();
    const st = new InviteServerTransaction(ctx, sender, req, UDP_PEER, onTerminated);
    st.respond(withToTag(responseTo(req, 603), 'x'));
    clock.advance(500 + 1000);
    expect(sender.lines).toEqual(['603', '603', '603']);
    expect(st.receiveAck()).toBe(true);
    expect(st.state).toBe('confirmed');
    clock.advance(10_000);
    expect(sender.lines.length).toBe(3);
    expect(terminated).toBe(true);
  });

  it('gives up on Timer H when no ACK comes', () => {
    const req = invite();
    const st = new InviteServerTransaction(ctx, sender, req, UDP_PEER, onTerminated);
    let timedOut = false;
    st.onTimeout = () => void (timedOut = true);
    st.respond(withToTag(responseTo(req, 480), 'x'));
    clock.advance(32_000);
    expect(timedOut).toBe(true);
    expect(terminated).toBe(true);
  });

  it('absorbs INVITE retransmissions in Accepted and lets the TU retransmit its 2xx', () => {
    const req = invite();
    const st = new InviteServerTransaction(ctx, sender, req, UDP_PEER, onTerminated);
    const ok = withToTag(responseTo(req, 200), 'x');
    st.respond(ok);
    st.receiveRequest();
    expect(st.respond(ok)).toBe(true);
    expect(st.receiveAck()).toBe(false); // a 2xx ACK is the dialog's
    expect(sender.lines).toEqual(['200', '200']);
    clock.advance(32_000); // Timer L
    expect(terminated).toBe(true);
  });
});

describe('non-INVITE server transaction (§17.2.2)', () => {
  it('absorbs retransmissions in Trying, repeats the final in Completed, ends on Timer J', () => {
    const req = invite('z9hG4bKb', 'BYE', 'x');
    const st = new NonInviteServerTransaction(ctx, sender, req, UDP_PEER, onTerminated);
    st.receiveRequest();
    expect(sender.lines).toEqual([]);
    st.respond(responseTo(req, 200));
    st.receiveRequest();
    expect(sender.lines).toEqual(['200', '200']);
    clock.advance(32_000);
    expect(terminated).toBe(true);
  });

  it('terminates at once over a reliable transport (Timer J = 0)', () => {
    const req = invite('z9hG4bKb', 'BYE', 'x');
    const st = new NonInviteServerTransaction(ctx, sender, req, TCP_PEER, onTerminated);
    st.respond(responseTo(req, 200));
    clock.advance(0);
    expect(terminated).toBe(true);
  });
});

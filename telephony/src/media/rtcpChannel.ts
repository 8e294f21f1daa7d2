// The RTCP side of an RtpSession: receive statistics of the peer's stream, a compound report
// (SR when we have sent, RR otherwise, + SDES CNAME) every ~5 s with the ±50% randomisation of
// RFC 3550 §6.3.1, BYE on close, and what the peer reports about our stream. Report timing rides
// on the pacer ticks of the session: no timer of its own.

import type { Socket } from 'node:dgram';
import { type ReportBlock, buildRtcpReport, ntpTime, parseRtcp } from './rtcp.ts';
import { ReceiveStats } from './rtpStats.ts';

export interface SendCounters {
  packetsSent: number;
  octetsSent: number;
}

export const RTCP_INTERVAL_MS = 5000;

export class RtcpChannel {
  readonly #socket: Socket;
  readonly #ssrc: number;
  readonly #cname: string;
  readonly #intervalMs: number;
  #stats: ReceiveStats | null = null;
  #nextAt: number | null = null;
  #packetsAtLastReport = 0;
  #closed = false;
  reportsSent = 0;
  reportsReceived = 0;
  malformed = 0;
  /** The latest report block the peer sent about our stream (its view of our loss and jitter). */
  peerReport: ReportBlock | null = null;
  byeReceived = false;

  constructor(socket: Socket, ssrc: number, cname: string, intervalMs = RTCP_INTERVAL_MS) {
    this.#socket = socket;
    this.#intervalMs = intervalMs;
    this.#ssrc = ssrc;
    this.#cname = cname;
    socket.on('message', this.#onMessage);
    socket.on('error', () => undefined); // send errors (ICMP unreachable) must not crash the process
  }

  get receiveStats(): ReceiveStats | null {
    return this.#stats;
  }

  noteReceived(ssrc: number, seq: number, timestamp: number): void {
    if (this.#stats?.ssrc !== ssrc) this.#stats = new ReceiveStats(ssrc);
    this.#stats.update(seq, timestamp, performance.now());
  }

  /** Sends a report when one is due; `now` is the pacer's clock. */
  maybeReport(now: number, address: string, port: number, rtpTimestamp: number, sent: SendCounters): void {
    if (this.#nextAt === null) this.#nextAt = now + this.#intervalMs * (0.25 + Math.random() * 0.5); // first one sooner
    if (now < this.#nextAt) return;
    this.#nextAt = now + this.#intervalMs * (0.5 + Math.random());
    this.#send(address, port, rtpTimestamp, sent, false);
  }

  sendBye(address: string, port: number, rtpTimestamp: number, sent: SendCounters): void {
    this.#send(address, port, rtpTimestamp, sent, true);
  }

  #send(address: string, port: number, rtpTimestamp: number, sent: SendCounters, bye: boolean): void {
    if (this.#closed) return;
    const ntp = ntpTime(Date.now()); // SR carries wall-clock time by definition (§6.4.1)
    const sender =
      sent.packetsSent > this.#packetsAtLastReport
        ? { ntpSec: ntp.sec, ntpFrac: ntp.frac, rtpTimestamp, packetCount: sent.packetsSent >>> 0, octetCount: sent.octetsSent >>> 0 }
        : undefined;
    this.#packetsAtLastReport = sent.packetsSent;
    const reports = this.#stats ? [this.#stats.reportBlock(performance.now())] : [];
    try {
      this.#socket.send(buildRtcpReport({ ssrc: this.#ssrc, sender, reports, cname: this.#cname, bye }), port, address);
      this.reportsSent++;
    } catch {
      // a closed or unreachable socket: RTCP is best effort
    }
  }

  readonly #onMessage = (msg: Buffer): void => {
    const r = parseRtcp(msg);
    if (!r.ok) {
      this.malformed++;
      return;
    }
    this.reportsReceived++;
    for (const p of r.packets) {
      if (p.type === 'sr' && this.#stats?.ssrc === p.ssrc) this.#stats.noteSenderReport(p.sender.ntpSec, p.sender.ntpFrac, performance.now());
      if (p.type === 'sr' || p.type === 'rr') this.peerReport = p.reports.find((b) => b.ssrc === this.#ssrc) ?? this.peerReport;
      if (p.type === 'bye') this.byeReceived = true;
    }
  };

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.close();
  }
}

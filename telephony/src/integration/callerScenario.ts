import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerAudioPackets, writeRtpPcap, type CallerAudioPart } from './pcap.ts';

// A SIPp caller scenario generated for one test: INVITE (PCMU + telephone-event) from a given
// number, ACK, the caller's audio and key presses from a generated pcap, then either our side
// hangs up (SIPp answers the BYE) or SIPp hangs up after a pause.

export interface CallerScenario {
  file: string;
  pcap: string;
  /** Length of the caller's audio, ms. */
  audioMs: number;
}

export async function callerScenario(o: { from: string; parts: readonly CallerAudioPart[]; end: 'wait-for-bye' | { byeAfterMs: number } }): Promise<CallerScenario> {
  const dir = await mkdtemp(join(tmpdir(), 'sipp-caller-'));
  const packets = callerAudioPackets(o.parts);
  const pcap = join(dir, 'caller.pcap');
  await writeRtpPcap(pcap, packets);
  const audioMs = (packets.at(-1)?.atMs ?? 0) + 20;
  const dialog = (method: string, cseq: number) => `${method} sip:[service]@[remote_ip]:[remote_port] SIP/2.0
Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
From: caller <sip:${o.from}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]
To: hotline <sip:[service]@[remote_ip]:[remote_port]>${method === 'INVITE' ? '' : '[peer_tag_param]'}
Call-ID: [call_id]
CSeq: ${cseq} ${method}
Contact: sip:${o.from}@[local_ip]:[local_port]
Max-Forwards: 70`;
  const ending = o.end === 'wait-for-bye'
    ? `  <recv request="BYE" timeout="120000" />
  <send>
    <![CDATA[
SIP/2.0 200 OK
[last_Via:]
[last_From:]
[last_To:]
[last_Call-ID:]
[last_CSeq:]
Contact: <sip:${o.from}@[local_ip]:[local_port]>
Content-Length: 0

    ]]>
  </send>`
    : `  <pause milliseconds="${audioMs + o.end.byeAfterMs}" />
  <send retrans="500">
    <![CDATA[
${dialog('BYE', 2)}
Content-Length: 0

    ]]>
  </send>
  <recv response="200" crlf="true" />`;
  const xml = `<?xml version="1.0" encoding="ISO-8859-1" ?>
<!DOCTYPE scenario SYSTEM "sipp.dtd">
<scenario name="generated caller">
  <send retrans="500">
    <![CDATA[
${dialog('INVITE', 1)}
Content-Type: application/sdp
Content-Length: [len]

v=0
o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]
s=-
c=IN IP[media_ip_type] [media_ip]
t=0 0
m=audio [media_port] RTP/AVP 0 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
a=fmtp:101 0-15

    ]]>
  </send>
  <recv response="100" optional="true" />
  <recv response="180" optional="true" />
  <recv response="183" optional="true" />
  <recv response="200" rtd="true" />
  <send>
    <![CDATA[
${dialog('ACK', 1)}
Content-Length: 0

    ]]>
  </send>
  <pause milliseconds="300" />
  <nop><action><exec play_pcap_audio="${pcap}" /></action></nop>
${ending}
</scenario>
`;
  const file = join(dir, 'caller.xml');
  await writeFile(file, xml);
  return { file, pcap, audioMs };
}

// A typical INVITE with an SDP offer, as a softphone sends it, in the canonical form
// serializeMessage() produces (so parse → serialise must reproduce it byte for byte).
// Used by the message tests and by bench/sip-parser.ts.

export const TYPICAL_SDP = [
  'v=0',
  'o=alice 2890844526 2890844526 IN IP4 198.51.100.7',
  's=-',
  'c=IN IP4 198.51.100.7',
  't=0 0',
  'm=audio 49170 RTP/AVP 0 8 9 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
  'a=sendrecv',
  '',
].join('\r\n');

export const TYPICAL_INVITE_TEXT =
  [
    'INVITE sip:12345@hotline.example.gov.cn SIP/2.0',
    'Via: SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK776asdhds;rport',
    'Max-Forwards: 70',
    'From: "Zhang San" <sip:13800138000@carrier.example.net>;tag=1928301774',
    'To: <sip:12345@hotline.example.gov.cn>',
    'Call-ID: a84b4c76e66710@pc33.carrier.example.net',
    'CSeq: 314159 INVITE',
    'Contact: <sip:13800138000@198.51.100.7:5060;transport=udp>',
    'Content-Type: application/sdp',
    'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE',
    'Supported: replaces, timer',
    'User-Agent: ExamplePhone/1.0',
    `Content-Length: ${Buffer.byteLength(TYPICAL_SDP)}`,
    '',
    '',
  ].join('\r\n') + TYPICAL_SDP;

export const TYPICAL_INVITE = Buffer.from(TYPICAL_INVITE_TEXT, 'utf8');

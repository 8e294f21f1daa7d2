import type { Credentials } from '../auth/digestClient.ts';
import { setBody } from '../dialog/inviteSession.ts';
import { outOfDialogRequest, sipUri } from '../dialog/outOfDialog.ts';
import type { RawHeader, SipRequest } from '../sip/messageTypes.ts';
import { parseUri } from '../sip/uri.ts';
import type { Registrar } from '../registrar/registrar.ts';
import type { TrunkConfig } from '../registrar/trunk.ts';
import type { SipStack } from '../transport/sipStack.ts';
import { newBranch, newCallId, newTag } from '../transport/sipStack.ts';
import { resolveHost, resolveUri } from '../transport/resolve.ts';
import type { Flow } from '../transport/types.ts';

// Where an outgoing call goes and the INVITE that starts it (RFC 3261 §8.1.1, §13.2.1):
//   - a registered extension ("8001"): to its Contact, over the flow it registered from;
//   - a number through a trunk: sip:number@carrier, with the trunk's credentials for challenges;
//   - a SIP URI: resolved as RFC 3263 would, minus NAPTR/SRV (see transport/resolve.ts).

export interface CallOptions {
  /** Our SDP offer. */
  sdp: string;
  /** Caller user part (default "12345", the hotline). */
  from?: string;
  fromDisplayName?: string;
  /** Name of a configured trunk to call through. */
  trunk?: string;
  headers?: RawHeader[];
  signal?: AbortSignal;
}

export interface PlannedCall {
  request: SipRequest;
  flow: Flow;
  credentials?: Credentials;
}

export class CallTargetError extends Error {
  override readonly name = 'CallTargetError';
}

export async function planCall(target: string, opts: CallOptions, deps: { stack: SipStack; registrar: Registrar; trunks: readonly TrunkConfig[] }): Promise<PlannedCall> {
  let uri;
  let flow: Flow | undefined;
  let credentials: Credentials | undefined;
  let fromHost: string | undefined;
  const trunk = opts.trunk === undefined ? undefined : deps.trunks.find((t) => t.name === opts.trunk);
  if (opts.trunk !== undefined && trunk === undefined) throw new CallTargetError(`no trunk named ${opts.trunk}`);
  if (trunk !== undefined) {
    const number = target.replace(/^sip:/, '').replace(/@.*$/, '');
    uri = sipUri(number, trunk.host, trunk.port);
    flow = await resolveHost(trunk.host, trunk.port, trunk.transport ?? 'udp');
    if (trunk.username !== undefined && trunk.password !== undefined) credentials = { username: trunk.username, password: trunk.password };
    fromHost = trunk.host;
  } else if (/^[0-9*#+]+$/.test(target)) {
    const binding = deps.registrar.lookup(target).sort((a, b) => b.expiresAt - a.expiresAt)[0];
    if (binding === undefined) throw new CallTargetError(`extension ${target} is not registered`);
    uri = binding.contact.uri;
    flow = binding.flow;
  } else {
    uri = parseUri(target);
    if (uri === null || uri.kind !== 'sip') throw new CallTargetError(`not a SIP URI: ${target}`);
    flow = await resolveUri(uri);
  }
  if (flow === undefined) throw new CallTargetError(`cannot resolve ${target}`);
  const protocol = flow.protocol;
  const { host, port } = deps.stack.sentBy(protocol);
  const fromUser = trunk?.username ?? opts.from ?? '12345';
  const toUri = uri.kind === 'sip' ? { ...uri, params: [], headers: [] } : uri;
  const request = outOfDialogRequest({
    method: 'INVITE',
    uri,
    from: { displayName: opts.fromDisplayName, uri: sipUri(fromUser, fromHost ?? host), params: [] },
    fromTag: newTag(),
    to: { uri: toUri, params: [] },
    callId: newCallId(host),
    seq: 1,
    via: deps.stack.via(protocol, newBranch()),
    contact: { uri: sipUri(fromUser, host, port, protocol === 'udp' ? [] : [{ name: 'transport', value: protocol }]), params: [] },
    headers: opts.headers,
  });
  if (request.from.displayName === undefined) delete request.from.displayName;
  setBody(request, opts.sdp, 'application/sdp');
  return { request, flow, credentials };
}

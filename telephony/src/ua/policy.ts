import type { DigestServer } from '../auth/digestServer.ts';
import type { SipRequest } from '../sip/messageTypes.ts';
import type { Registrar } from '../registrar/registrar.ts';
import type { TrunkConfig } from '../registrar/trunk.ts';
import { trunkOf } from '../registrar/trunk.ts';
import type { Flow } from '../transport/types.ts';

// Who may start a call with us (the policy for incoming INVITEs), in order:
//   1. a configured carrier address (trunk) — carriers authenticate by address;
//   2. anyone, when the call is to a public number (sip:12345@…): the hotline is public;
//   3. a registered extension calling from the address it registered from;
//   4. a known extension elsewhere — after a digest challenge (407, proxy-style, RFC 3261 §22.3);
// everything else is refused with 403.

export type CallSource =
  | { kind: 'trunk'; trunk: TrunkConfig }
  | { kind: 'public'; number: string }
  | { kind: 'extension'; extension: string };

export type PolicyDecision = { allow: true; source: CallSource } | { allow: false; status: 403 | 407; stale?: boolean };

export interface PolicyDeps {
  trunks: readonly TrunkConfig[];
  publicNumbers: readonly string[];
  registrar: Registrar;
  auth: DigestServer;
  isExtension(user: string): boolean;
}

function userOf(req: SipRequest, which: 'uri' | 'to' | 'from'): string | undefined {
  const u = which === 'uri' ? req.uri : which === 'to' ? req.to.uri : req.from.uri;
  if (u.kind === 'sip') return u.user;
  if (u.kind === 'tel') return u.number.replace(/[-.()]/g, '');
  return undefined;
}

export async function authorizeInvite(req: SipRequest, flow: Flow, deps: PolicyDeps): Promise<PolicyDecision> {
  const trunk = trunkOf(flow, deps.trunks);
  if (trunk !== undefined) return { allow: true, source: { kind: 'trunk', trunk } };
  const called = userOf(req, 'uri') ?? userOf(req, 'to');
  if (called !== undefined && deps.publicNumbers.includes(called)) return { allow: true, source: { kind: 'public', number: called } };
  const caller = userOf(req, 'from');
  if (caller === undefined || !deps.isExtension(caller)) return { allow: false, status: 403 };
  const fromBinding = deps.registrar.lookup(caller).some((b) => b.flow.address === flow.address && b.flow.port === flow.port);
  if (fromBinding) return { allow: true, source: { kind: 'extension', extension: caller } };
  const v = await deps.auth.verify(req, true);
  if (v.ok && v.username === caller) return { allow: true, source: { kind: 'extension', extension: caller } };
  if (v.ok) return { allow: false, status: 403 };
  return { allow: false, status: 407, stale: v.stale };
}

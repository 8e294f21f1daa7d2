import { maskName } from '../workorders/masking.ts';
import { maskIdentityValue } from '../citizens/identity.ts';
import type { ListedConversation } from './repository.ts';
import type { ConversationRow, MessageRow } from './types.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** A row of the inbox list: like work-order lists, the citizen's identity is masked here. */
export function presentListed(c: ListedConversation) {
  return {
    ...presentConversation(c),
    agentName: c.agentName,
    workOrderCount: c.workOrderCount,
    citizen: { id: c.citizenId, name: maskName(c.citizenName), identityKind: c.identityKind, identity: maskIdentityValue({ kind: c.identityKind, value: c.identityValue }) },
  };
}

export function presentConversation(c: ConversationRow) {
  return {
    id: c.id,
    channel: c.channel,
    state: c.state,
    agentId: c.agentId,
    preview: c.preview,
    messageCount: c.messageCount,
    createdAt: iso(c.createdAt)!,
    lastMessageAt: iso(c.lastMessageAt)!,
    lastInboundAt: iso(c.lastInboundAt),
    waitingSince: iso(c.waitingSince),
    assignedAt: iso(c.assignedAt),
    closedAt: iso(c.closedAt),
  };
}

export function presentMessage(m: MessageRow) {
  return {
    id: m.id,
    seq: m.seq,
    direction: m.direction,
    author: m.author,
    agentId: m.agentId,
    kind: m.kind,
    text: m.text,
    attachmentId: m.attachmentId,
    data: m.data,
    delivery: m.delivery,
    deliveryError: m.deliveryError,
    createdAt: iso(m.createdAt)!,
  };
}

import { errors } from '../errors.ts';
import { maskEmail, maskPhone } from '../workorders/masking.ts';

/**
 * How a citizen is known on a channel. The three well-known kinds have normal forms; a later
 * channel (a mobile app, a web-chat visitor) may bring its own kind, stored as it comes.
 */
export const IDENTITY_KINDS = ['phone', 'email', 'wechat'] as const;
export type WellKnownIdentityKind = (typeof IDENTITY_KINDS)[number];
export type IdentityKind = WellKnownIdentityKind | (string & {});

export interface Identity {
  kind: IdentityKind;
  value: string;
}

const KIND = /^[a-z][a-z0-9_]{1,31}$/;

/** The one form an identity is stored and looked up in; throws VALIDATION_FAILED when it cannot be one. */
export function normalizeIdentity(i: Identity): Identity {
  const raw = i.value.trim();
  if (!KIND.test(i.kind)) throw errors.validation({ kind: i.kind }, 'identity kind must be 2-32 lower-case letters, digits or _');
  switch (i.kind) {
    case 'phone': {
      let digits = raw.replace(/[\s\-()]/g, '');
      // +86 and 0086 are the country prefix of a mainland number; the hotline stores it without.
      if (/^(\+|00)86\d{11}$/.test(digits)) digits = digits.slice(-11);
      if (!/^\+?\d{3,20}$/.test(digits)) throw errors.validation({ phone: i.value }, 'phone must be 3-20 digits');
      return { kind: 'phone', value: digits };
    }
    case 'email': {
      const v = raw.toLowerCase();
      if (!/^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/.test(v) || v.length > 200) throw errors.validation({ email: i.value }, 'not an e-mail address');
      return { kind: 'email', value: v };
    }
    case 'wechat':
      // An openid: 28 characters today, letters, digits, - and _; allow some room.
      if (!/^[A-Za-z0-9_-]{6,64}$/.test(raw)) throw errors.validation({ openid: i.value }, 'not a WeChat openid');
      return { kind: 'wechat', value: raw };
    default:
      if (raw.length < 1 || raw.length > 200) throw errors.validation({ value: i.value }, 'identity value must be 1-200 characters');
      return { kind: i.kind, value: raw };
  }
}

/** The value as a role that must not see it in clear sees it (phone like 138****5678). */
export function maskIdentityValue(i: Identity): string {
  switch (i.kind) {
    case 'phone':
      return maskPhone(i.value);
    case 'email':
      return maskEmail(i.value);
    default:
      return i.value.length <= 6 ? '*'.repeat(i.value.length) : `${i.value.slice(0, 3)}****${i.value.slice(-3)}`;
  }
}

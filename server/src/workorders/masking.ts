// Masking of citizens' personal data for roles that must not see it in full.

export function maskPhone(p: string): string {
  const digits = p.replace(/\s/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  if (digits.length < 8) return `${digits.slice(0, 1)}${'*'.repeat(digits.length - 3)}${digits.slice(-2)}`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

export function maskName(n: string): string {
  const chars = [...n];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

export function maskIdCard(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

export function maskEmail(e: string): string {
  const [user, domain] = e.split('@');
  return `${(user ?? '').slice(0, 1)}***@${domain ?? ''}`;
}

export const CONFIDENTIAL = '（保密）';

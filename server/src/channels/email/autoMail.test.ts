import { describe, expect, it } from 'vitest';
import { ignoreReason, type MailFacts } from './autoMail.ts';
import { ownText } from './inbound.ts';
import { referencedIds } from './thread.ts';

const facts = (headers: Record<string, unknown> = {}, over: Partial<MailFacts> = {}): MailFacts => ({
  headers: new Map(Object.entries(headers)),
  from: 'citizen@example.org',
  envelopeFrom: 'citizen@example.org',
  ownDomain: 'hotline.example.cn',
  loopToken: '12345@hotline.example.cn',
  ...over,
});

describe('which mail no person wrote', () => {
  it('a plain mail from a person is not ignored, also with Auto-Submitted: no and Precedence: first-class', () => {
    expect(ignoreReason(facts())).toBeNull();
    expect(ignoreReason(facts({ 'auto-submitted': 'no', precedence: 'first-class' }))).toBeNull();
  });

  it('names the reason for each kind of automatic mail', () => {
    expect(ignoreReason(facts({}, { envelopeFrom: '' }))).toBe('bounce');
    expect(ignoreReason(facts({ 'content-type': { value: 'multipart/report', params: { 'report-type': 'delivery-status' } } }))).toBe('bounce');
    expect(ignoreReason(facts({}, { from: null }))).toBe('no-sender');
    expect(ignoreReason(facts({}, { from: 'postmaster@example.org' }))).toBe('mailer-daemon');
    expect(ignoreReason(facts({}, { envelopeFrom: 'MAILER-DAEMON@mx.example.org' }))).toBe('mailer-daemon');
    expect(ignoreReason(facts({}, { from: 'anyone@hotline.example.cn' }))).toBe('own-address');
    expect(ignoreReason(facts({ 'x-loop': ['other@example.org', '12345@HOTLINE.example.cn'] }))).toBe('loop');
    expect(ignoreReason(facts({ received: Array.from({ length: 31 }, (_, i) => `from hop${i}`) }))).toBe('loop');
    expect(ignoreReason(facts({ 'auto-submitted': 'auto-generated' }))).toBe('auto-submitted');
    expect(ignoreReason(facts({ precedence: 'Junk' }))).toBe('precedence');
    expect(ignoreReason(facts({ 'x-autorespond': 'yes' }))).toBe('auto-reply');
    expect(ignoreReason(facts({ 'x-auto-response-suppress': 'OOF, AutoReply' }))).toBe('auto-reply');
    expect(ignoreReason(facts({ list: { id: { name: 'residents' } } }))).toBe('list');
    expect(ignoreReason(facts({ 'list-unsubscribe': '<mailto:leave@example.org>' }))).toBe('list');
  });
});

describe('reading a reply', () => {
  it('keeps the citizen’s own words and cuts the quoted original (English and Chinese mail programs)', () => {
    expect(ownText('Thanks, fixed now.\r\n\r\nOn Mon, 23 Nov 2026 at 09:00, 12345 <12345@x.cn> wrote:\r\n> old text', true)).toBe('Thanks, fixed now.');
    expect(ownText('好的，谢谢。\n\n在 2026年11月23日 09:00，12345 写道：\n> 原文', true)).toBe('好的，谢谢。');
    expect(ownText('补充一张照片\n-----原始邮件-----\n发件人: 12345', true)).toBe('补充一张照片');
    expect(ownText('第一行\n> 引用\n第二行', true)).toBe('第一行\n第二行');
    // A first mail keeps everything, quotes included.
    expect(ownText('From: 我\n> 引用', false)).toBe('From: 我\n> 引用');
  });

  it('lists the referenced Message-IDs nearest first, without brackets or repeats', () => {
    expect(referencedIds('<c@x>', ['<a@x>', '<b@x>', '<c@x>'])).toEqual(['c@x', 'b@x', 'a@x']);
    expect(referencedIds(undefined, '<a@x> <b@x>')).toEqual(['b@x', 'a@x']);
    expect(referencedIds(undefined, undefined)).toEqual([]);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pkcs7Pad, pkcs7Unpad, sha1Sorted, WechatCrypto, WechatDecryptError } from './crypto.ts';
import { WechatPeer } from './testing/wechatPeer.ts';
import { buildWechatXml, parseWechatXml, WechatXmlError } from './xml.ts';
import { splitUtf8 } from './sender.ts';

const KEY = 'Mn8Bv7Cx6Zl5Kj4Hg3Fd2Sa1Qw0Er9Ty8Ui7Op6As5D';
const APPID = 'wx7a8b9c0d1e2f3a4b';
const peer = new WechatPeer(null as never, { token: 't', appId: APPID, aesKey: KEY, path: '/' });

describe('WeChat signatures and encryption', () => {
  it('signature is sha1 over the three values sorted as strings, whatever order they come in', () => {
    const expected = createHash('sha1').update(['1714037059', '486452656', 'AAAAA'].join('')).digest('hex');
    expect(sha1Sorted('AAAAA', '1714037059', '486452656')).toBe(expected);
    expect(sha1Sorted('486452656', 'AAAAA', '1714037059')).toBe(expected);
  });

  it('what WeChat encrypts we decrypt, and what we encrypt WeChat decrypts (any text, any length)', () => {
    const c = new WechatCrypto('t', KEY, APPID);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(c.decrypt(peer.encrypt(s))).toEqual({ xml: s, appId: APPID });
        expect(peer.decrypt(c.encrypt(s))).toEqual({ xml: s, appId: APPID });
      }),
    );
  });

  it('PKCS#7 pads to a multiple of 32 bytes, a full block when already aligned', () => {
    expect(pkcs7Pad(Buffer.alloc(31)).length).toBe(32);
    expect(pkcs7Pad(Buffer.alloc(32)).length).toBe(64);
    expect(pkcs7Unpad(pkcs7Pad(Buffer.from('abc'))).toString()).toBe('abc');
    expect(() => pkcs7Unpad(Buffer.concat([Buffer.alloc(31), Buffer.from([33])]))).toThrow(WechatDecryptError);
    expect(() => pkcs7Unpad(Buffer.concat([Buffer.alloc(30), Buffer.from([1, 2])]))).toThrow(WechatDecryptError);
  });

  it('refuses text that is not ciphertext, and ciphertext under another key', () => {
    const c = new WechatCrypto('t', KEY, APPID);
    expect(() => c.decrypt('')).toThrow(WechatDecryptError);
    expect(() => c.decrypt('abc')).toThrow(WechatDecryptError);
    const other = new WechatCrypto('t', 'A'.repeat(43), APPID);
    expect(() => c.decrypt(other.encrypt('<xml/>'))).toThrow(WechatDecryptError);
  });
});

describe('WeChat XML', () => {
  it('reads fields as strings (a 64-bit MsgId keeps every digit)', () => {
    const f = parseWechatXml('<xml><MsgId>6054768590064713728</MsgId><Content><![CDATA[a <b> & c]]></Content><CreateTime>1409735668</CreateTime></xml>');
    expect(f).toEqual({ MsgId: '6054768590064713728', Content: 'a <b> & c', CreateTime: '1409735668' });
  });

  it('writes CDATA that survives "]]>" in the text', () => {
    const xml = buildWechatXml([['Content', 'x]]>y'], ['CreateTime', 5]]);
    expect(parseWechatXml(xml)).toEqual({ Content: 'x]]>y', CreateTime: '5' });
  });

  it.each([
    ['empty', ''],
    ['not XML', 'hello'],
    ['unclosed', '<xml><a>1</xml>'],
    ['another root', '<message><a>1</a></message>'],
    ['a DTD', '<!DOCTYPE xml [<!ENTITY e "x">]><xml><a>&e;</a></xml>'],
  ])('refuses %s', (_n, text) => {
    expect(() => parseWechatXml(text)).toThrow(WechatXmlError);
  });

  it('splits long replies on character boundaries within the byte limit', () => {
    const parts = splitUtf8('中'.repeat(1000), 2000);
    expect(parts.map((p) => Buffer.byteLength(p))).toEqual([1998, 1002]);
    expect(parts.join('')).toBe('中'.repeat(1000));
  });
});

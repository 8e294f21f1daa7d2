import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// WeChat's message signing and safe-mode encryption (消息加解密), as the official account
// server documentation specifies them:
//
//   signature     = sha1(sort([token, timestamp, nonce]).join(''))            (URL check, plain mode)
//   msg_signature = sha1(sort([token, timestamp, nonce, Encrypt]).join(''))   (safe mode)
//   key           = base64decode(EncodingAESKey + '=')   32 bytes, AES-256-CBC, IV = key[0..16)
//   plaintext     = random(16) ‖ uint32be(len(xml)) ‖ xml ‖ appid, PKCS#7-padded to 32 bytes
//   Encrypt       = base64(ciphertext)

const BLOCK = 32;

export class WechatDecryptError extends Error {}

export function sha1Sorted(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function sameSignature(expected: string, given: string | undefined): boolean {
  if (!given || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given.toLowerCase()));
}

export function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export function pkcs7Unpad(data: Buffer): Buffer {
  const n = data[data.length - 1] ?? 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new WechatDecryptError('bad padding');
  for (let i = data.length - n; i < data.length; i++) if (data[i] !== n) throw new WechatDecryptError('bad padding');
  return data.subarray(0, data.length - n);
}

export class WechatCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    private readonly token: string,
    encodingAesKey: string,
    private readonly appId: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new Error('EncodingAESKey must decode to 32 bytes');
    this.iv = this.key.subarray(0, 16);
  }

  signature(timestamp: string, nonce: string): string {
    return sha1Sorted(this.token, timestamp, nonce);
  }

  msgSignature(timestamp: string, nonce: string, encrypted: string): string {
    return sha1Sorted(this.token, timestamp, nonce, encrypted);
  }

  encrypt(xml: string, random: Buffer = randomBytes(16)): string {
    const body = Buffer.from(xml, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length, 0);
    const plain = pkcs7Pad(Buffer.concat([random, len, body, Buffer.from(this.appId, 'utf8')]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** The XML inside an Encrypt value, and the appid it was encrypted for. Throws WechatDecryptError. */
  decrypt(encrypted: string): { xml: string; appId: string } {
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0 || !/^[A-Za-z0-9+/=\s]+$/.test(encrypted)) throw new WechatDecryptError('not AES ciphertext');
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(data), decipher.final()]);
    } catch {
      throw new WechatDecryptError('cannot decrypt');
    }
    const content = pkcs7Unpad(plain);
    if (content.length < 20) throw new WechatDecryptError('too short');
    const len = content.readUInt32BE(16);
    if (20 + len > content.length) throw new WechatDecryptError('length out of range');
    return { xml: content.subarray(20, 20 + len).toString('utf8'), appId: content.subarray(20 + len).toString('utf8') };
  }
}

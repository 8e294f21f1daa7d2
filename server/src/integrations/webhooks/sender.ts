import http from 'node:http';
import https from 'node:https';
import { checkWebhookUrl, guardedLookup } from './urlGuard.ts';

export interface SendResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** POSTs one JSON body; 2xx is success, anything else (redirects included) is a failure to retry. */
export function postJson(rawUrl: string, body: string, headers: Record<string, string>, opts: { timeoutMs: number; allowPrivate: boolean }): Promise<SendResult> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = checkWebhookUrl(rawUrl, opts.allowPrivate);
    } catch (e) {
      return resolve({ ok: false, error: (e as Error).message });
    }
    const lib = url.protocol === 'https:' ? https : http;
    const req = lib.request(url, {
      method: 'POST',
      lookup: guardedLookup(opts.allowPrivate),
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'user-agent': 'hotline12345-webhooks/1' },
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('response', (res) => {
      res.resume(); // the receiver's body is not ours to keep
      res.on('end', () => {
        clearTimeout(timer);
        const status = res.statusCode ?? 0;
        resolve(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` });
      });
      res.on('error', (err) => {
        clearTimeout(timer);
        resolve({ ok: false, status: res.statusCode, error: err.message });
      });
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      resolve({ ok: false, error: err.message });
    });
    req.end(body);
  });
}

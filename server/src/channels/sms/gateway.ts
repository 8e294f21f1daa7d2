// The outbound SMS adapter: one JSON POST per message to a configurable HTTP gateway (an
// operator's SMS platform or an in-house relay in front of Aliyun/Tencent Cloud SMS), with the API
// key in a header. A network failure, timeout or 5xx is tried once more; a 4xx is not (the same
// request would fail again).
//
//   POST SMS_GATEWAY_URL
//   Content-Type: application/json; X-Api-Key: SMS_GATEWAY_KEY
//   {"phoneNumbers":"13812345678","signName":"12345热线","content":"…","outId":"<our id>"}
//   → 2xx, optionally {"code":"OK","bizId":"…"}; a body whose code is neither "OK" nor 0 is a refusal.

const TIMEOUT_MS = 10_000;

export class SmsGatewayError extends Error {}

export interface SmsGatewayOptions {
  url: string | undefined;
  apiKey: string;
  signName: string;
  /** Wait before the second attempt. */
  retryDelayMs?: number;
}

export class SmsGateway {
  constructor(private readonly opts: SmsGatewayOptions) {}

  get configured(): boolean {
    return Boolean(this.opts.url);
  }

  /** Sends one message; resolves to the gateway's id of it (if it gives one), throws SmsGatewayError. */
  async send(to: string, content: string, outId: string): Promise<string | null> {
    if (!this.opts.url) throw new SmsGatewayError('no SMS gateway configured (SMS_GATEWAY_URL)');
    const body = JSON.stringify({ phoneNumbers: to, signName: this.opts.signName, content, outId });
    try {
      return await this.attempt(body);
    } catch (err) {
      if (!(err instanceof RetryableError)) throw err;
      await new Promise((r) => setTimeout(r, this.opts.retryDelayMs ?? 500));
      try {
        return await this.attempt(body);
      } catch (again) {
        throw again instanceof RetryableError ? new SmsGatewayError(`${again.message} (after a retry)`) : again;
      }
    }
  }

  private async attempt(body: string): Promise<string | null> {
    let res: Response;
    try {
      res = await fetch(this.opts.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-api-key': this.opts.apiKey },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new RetryableError(`SMS gateway unreachable: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text().catch(() => '');
    if (res.status >= 500) throw new RetryableError(`SMS gateway answered HTTP ${res.status}`);
    if (!res.ok) throw new SmsGatewayError(`SMS gateway refused the message: HTTP ${res.status} ${text.slice(0, 200)}`);
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return null; // a 2xx without JSON still means accepted
    }
    const code = json.code ?? json.Code;
    if (code !== undefined && code !== 'OK' && code !== 0 && code !== '0') {
      throw new SmsGatewayError(`SMS gateway refused the message: ${String(code)} ${String(json.message ?? json.Message ?? json.msg ?? '')}`.trim());
    }
    const id = json.bizId ?? json.BizId ?? json.id;
    return id === undefined || id === null ? null : String(id);
  }
}

class RetryableError extends SmsGatewayError {}

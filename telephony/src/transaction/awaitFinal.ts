import { responseTo } from '../sip/message.ts';
import type { SipRequest, SipResponse } from '../sip/messageTypes.ts';
import type { Flow } from '../transport/types.ts';
import type { TransactionLayer } from './transactionLayer.ts';

// A non-INVITE request as a promise of its final response, for TU code that only cares about the
// outcome (BYE, REFER, NOTIFY, REGISTER, OPTIONS). Provisionals are ignored; a timeout or a
// transport failure resolves as the response the RFC says the TU should see (408 for Timer F,
// §8.1.3.1; 503 for a transport error, §8.1.3.1 too) with the `local` flag set.

export interface FinalResponse {
  response: SipResponse;
  /** True when no peer sent it: it stands for a timeout or a transport failure. */
  local: boolean;
}

export function awaitFinal(layer: TransactionLayer, req: SipRequest, flow: Flow): Promise<FinalResponse> {
  return new Promise((resolve) => {
    layer.sendRequest(req, flow, {
      response: (res) => {
        if (res.status >= 200) resolve({ response: res, local: false });
      },
      failed: (why) => resolve({ response: responseTo(req, why === 'timeout' ? 408 : 503), local: true }),
    });
  });
}

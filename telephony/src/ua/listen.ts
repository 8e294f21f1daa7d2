import { TcpTransport } from '../transport/tcpTransport.ts';
import { UdpTransport } from '../transport/udpTransport.ts';
import { WsTransport } from '../transport/wsTransport.ts';
import type { ListenOptions } from './endpointOptions.ts';
import type { SipEndpoint } from './sipEndpoint.ts';

// Opens the transports an endpoint was asked to listen on. TLS and WSS need key and certificate.

export interface ListeningPorts {
  udp?: number;
  tcp?: number;
  ws?: number;
  tls?: number;
  wss?: number;
}

export async function listenAll(ep: SipEndpoint, o: ListenOptions): Promise<ListeningPorts> {
  const host = o.host ?? '0.0.0.0';
  const max = ep.stack.maxMessageBytes;
  const conn = ep.options.limits?.connections ?? {};
  const out: ListeningPorts = {};
  if (o.udpPort !== undefined) {
    const t = await UdpTransport.bind({ host, port: o.udpPort, receiveBufferBytes: 4 * 1024 * 1024 });
    ep.stack.addTransport(t);
    out.udp = t.localPort;
  }
  if (o.tcpPort !== undefined) {
    const t = await TcpTransport.listen({ ...conn, host, port: o.tcpPort, maxMessageBytes: max });
    ep.stack.addTransport(t);
    out.tcp = t.localPort;
  }
  if (o.wsPort !== undefined) {
    const t = await WsTransport.listen({ ...conn, host, port: o.wsPort, maxMessageBytes: max });
    ep.webSocket = t;
    out.ws = t.localPort;
  }
  if (o.tls !== undefined) {
    if (o.tlsPort !== undefined) {
      const t = await TcpTransport.listen({ ...conn, host, port: o.tlsPort, maxMessageBytes: max, tls: o.tls });
      ep.stack.addTransport(t);
      out.tls = t.localPort;
    }
    if (o.wssPort !== undefined) {
      const t = await WsTransport.listen({ ...conn, host, port: o.wssPort, maxMessageBytes: max, tls: o.tls });
      ep.stack.addTransport(t);
      out.wss = t.localPort;
    }
  }
  return out;
}

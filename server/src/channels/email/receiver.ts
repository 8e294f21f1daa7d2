// The built-in SMTP receiver (RFC 5321): mail for any address at MAIL_DOMAIN, straight from the
// Internet (MX) or forwarded by the city's mail relay. Other domains are refused at RCPT (550, we
// are no open relay); SIZE is advertised and a message over MAIL_MAX_BYTES is refused at MAIL FROM
// when declared, else at the end of DATA (552). A mail is answered 250 only once it is stored, so
// a failure on our side (451) leaves it with the sender's MTA to try again: nothing is lost.
// No AUTH (nobody submits mail through us) and no STARTTLS (a TLS-terminating relay may stand in front).
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Ctx } from '../../context.ts';
import { emailChannelFor } from './channel.ts';
import { SmtpReply } from './inbound.ts';

export interface EmailReceiver {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** Starts the receiver on SMTP_HOST:SMTP_PORT (0 = any free port); null when SMTP_ENABLED is off. */
export async function startEmailChannel(ctx: Ctx, opts: { log?: (err: unknown) => void } = {}): Promise<EmailReceiver | null> {
  const { env } = ctx;
  if (!env.SMTP_ENABLED) return null;
  const { inbound } = emailChannelFor(ctx);
  const log = opts.log ?? (() => {});
  const domain = env.MAIL_DOMAIN.toLowerCase();

  const server = new SMTPServer({
    name: env.MAIL_DOMAIN,
    banner: '12345 hotline mail receiver',
    size: env.MAIL_MAX_BYTES,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const addr = address.address.toLowerCase();
      const at = addr.lastIndexOf('@');
      if (at < 1 || addr.slice(at + 1) !== domain) return callback(smtpError(550, `5.7.1 Relaying denied: only mail for @${env.MAIL_DOMAIN} is accepted`));
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null, message?: string) => void) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= env.MAIL_MAX_BYTES) chunks.push(chunk);
      });
      stream.on('error', (err) => {
        log(err);
        callback(smtpError(451, '4.3.0 Temporary failure reading the message'));
      });
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 Message exceeds fixed maximum message size of ${env.MAIL_MAX_BYTES} bytes`));
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        inbound.handle(Buffer.concat(chunks), envelope).then(
          (res) => callback(null, `OK ${res.outcome}`),
          (err) => {
            if (err instanceof SmtpReply) return callback(smtpError(err.responseCode, err.message));
            log(err);
            callback(smtpError(451, '4.3.0 Temporary failure; try again later'));
          },
        );
      });
    },
  });
  server.on('error', log);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(env.SMTP_PORT, env.SMTP_HOST, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

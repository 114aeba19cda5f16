import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

/** One message to send. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Recipient's language, for the Content-Language header. */
  language: string;
}

/** Sends mail; resolves with the server's message id, rejects when the server refused it. */
export interface Mailer {
  send(mail: Mail): Promise<string>;
  close(): void;
}

/**
 * The deployment's mail server from `SMTP_URL` (null when unset: nothing is sent). `smtps://` speaks
 * TLS from the start; `smtp://` upgrades with STARTTLS and, with `SMTP_REQUIRE_TLS` (the default),
 * refuses to send over a connection that stayed plain.
 */
export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'SMTP_REQUIRE_TLS' | 'MAIL_FROM'>,
): Mailer | null {
  if (!config.SMTP_URL) return null;
  const url = new URL(config.SMTP_URL);
  const secure = url.protocol === 'smtps:';
  const transport = nodemailer.createTransport({
    host: url.hostname,
    port: Number(url.port) || (secure ? 465 : 587),
    secure,
    requireTLS: !secure && config.SMTP_REQUIRE_TLS,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
      });
      return info.messageId;
    },
    close() {
      transport.close();
    },
  };
}

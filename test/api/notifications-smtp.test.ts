import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifierOf } from '@formloom/platform';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { eventually } from './notifications-fixtures.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

/**
 * With SMTP_URL set, notification e-mail leaves through SMTP: a minimal local SMTP server
 * (plain, no TLS) takes the message, and the outbox shows it as sent, once.
 */
interface SmtpMessage {
  from: string;
  to: string[];
  data: string;
}

function startSmtp(): Promise<{ port: number; messages: SmtpMessage[]; close(): Promise<void> }> {
  const messages: SmtpMessage[] = [];
  const server: Server = createServer((socket: Socket) => {
    let current: SmtpMessage = { from: '', to: [], data: '' };
    let inData = false;
    let buffer = '';
    socket.write('220 test-smtp ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(current);
            current = { from: '', to: [], data: '' };
            socket.write('250 2.0.0 queued\r\n');
          } else current.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO' || command === 'HELO') socket.write('250 test-smtp\r\n');
        else if (command === 'MAIL') {
          current.from = line;
          socket.write('250 OK\r\n');
        } else if (command === 'RCPT') {
          current.to.push(line);
          socket.write('250 OK\r\n');
        } else if (command === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (command === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        messages,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let t: TestApp;
let admin: Call;

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({
    loginRateLimit: 1000,
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Formloom <noreply@formloom.example>' },
  });
  admin = injectCall(t.app, t.adminToken);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('e-mail through SMTP', () => {
  it('sends each notification mail once and marks it sent in the outbox', async () => {
    const ada = await signedInUser(admin, injectCall(t.app, null), 'ada');
    expect((await admin('PATCH', `/api/org/users/${ada.id}`, { email: 'ada@example.com' })).status).toBe(200);
    const request = {
      idempotencyKey: 'task:smtp:1',
      recipientIds: [ada.id],
      channels: ['email' as const, 'inapp' as const],
      category: 'task',
      subject: 'Please approve {{task.name}}',
      body: 'Task {{task.name}} waits for you.',
      data: { task: { name: 'PO-7' } },
      link: '/tasks/7',
    };
    await notifierOf(t.app.services).notify(request);
    await notifierOf(t.app.services).notify(request);

    const sent = await eventually(async () => {
      const items = (await admin('GET', '/api/admin/mail-outbox')).body.items ?? [];
      return items.length === 1 && items[0]?.status === 'sent' ? (items[0] as ApiBody) : undefined;
    });
    expect(sent).toMatchObject({ to: 'ada@example.com', subject: 'Please approve PO-7', attempts: 1, lastError: null });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.from).toContain('noreply@formloom.example');
    expect(smtp.messages[0]?.to.join()).toContain('ada@example.com');
    expect(smtp.messages[0]?.data).toContain('Subject: Please approve PO-7');
    expect(smtp.messages[0]?.data).toContain('Task PO-7 waits for you.');
  });
});

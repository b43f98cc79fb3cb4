// Delivery sinks for the browser tests: the server sends its e-mail, texts and calls here, over
// the same transports as in production, and the tests read the one-time codes back "from the
// user's phone" through GET /messages (see fixtures/inbox.ts). Playwright starts this process
// (playwright.config.ts, `webServer`); `node sinks.mjs` runs it by hand.
//
//   SMTP  127.0.0.1:2525  plain SMTP, no TLS, no authentication   → SSPR_SMTP_URL=smtp://127.0.0.1:2525
//   HTTP  127.0.0.1:2580  POST /sms    the signed JSON webhook     → SSPR_SMS_WEBHOOK_URL=http://127.0.0.1:2580/sms
//                         GET  /messages?to=<recipient>&channel=<email|sms|voice>   newest first
//                         GET  /health
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const HOST = '127.0.0.1';
const SMTP_PORT = 2525;
const HTTP_PORT = 2580;
/** Must equal the server's SSPR_SMS_WEBHOOK_SECRET (which needs at least 32 characters). */
const SECRET = process.env.SSPR_SMS_WEBHOOK_SECRET ?? 'e2e-webhook-secret-0123456789abcdef';
/** A webhook whose timestamp is further than this from now is refused (replay protection). */
const MAX_SKEW_SECONDS = 300;
/** Keep memory bounded in a long run: only the newest messages are kept. */
const MAX_MESSAGES = 5000;

/**
 * Everything received, oldest first. E-mail: {channel, to, from, subject, text, language};
 * texts and calls: {channel, id, to, body, language}. Both: receivedAt (ms since the epoch) and
 * seq (breaks ties between messages received in the same millisecond).
 */
const messages = [];
let seq = 0;

function record(message) {
  messages.push({ ...message, receivedAt: Date.now(), seq: ++seq });
  if (messages.length > MAX_MESSAGES) messages.splice(0, messages.length - MAX_MESSAGES);
}

// ---- SMTP -------------------------------------------------------------------------------------

const smtp = new SMTPServer({
  secure: false,
  authOptional: true,
  // No STARTTLS offered (lettre's plain smtp:// would not use it anyway) and no AUTH.
  disabledCommands: ['STARTTLS', 'AUTH'],
  banner: 'sspr e2e sink',
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        // One record per envelope recipient (RCPT TO), which is where the mail really went.
        for (const rcpt of session.envelope.rcptTo) {
          record({
            channel: 'email',
            to: rcpt.address,
            from: mail.from?.value[0]?.address ?? (session.envelope.mailFrom || {}).address ?? '',
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            language: String(mail.headers.get('content-language') ?? ''),
          });
        }
        callback();
      })
      .catch((error) => callback(error));
  },
});
smtp.on('error', (error) => {
  console.error('sinks: SMTP error:', error.message);
  if (error.code === 'EADDRINUSE') process.exit(1);
});

// ---- HTTP -------------------------------------------------------------------------------------

/** Checks X-Sspr-Signature = "sha256=" + hex HMAC-SHA256(secret, "<timestamp>.<raw body>"). */
function signatureIsValid(headers, raw) {
  const timestamp = String(headers['x-sspr-timestamp'] ?? '');
  const signature = String(headers['x-sspr-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) {
    return false;
  }
  const expected = Buffer.from(
    'sha256=' + createHmac('sha256', SECRET).update(`${timestamp}.`).update(raw).digest('hex'),
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reply(res, status, body, type = 'text/plain; charset=utf-8') {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

const http = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${HOST}:${HTTP_PORT}`);
  if (req.method === 'GET' && url.pathname === '/health') return reply(res, 200, 'ok');

  if (req.method === 'GET' && url.pathname === '/messages') {
    const to = url.searchParams.get('to')?.toLowerCase();
    const channel = url.searchParams.get('channel');
    const found = messages
      .filter((m) => (!to || m.to.toLowerCase() === to) && (!channel || m.channel === channel))
      .reverse();
    return reply(res, 200, JSON.stringify(found), 'application/json');
  }

  if (req.method === 'POST' && url.pathname === '/sms') {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      if (!signatureIsValid(req.headers, raw)) return reply(res, 401, 'bad signature');
      let payload;
      try {
        payload = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply(res, 400, 'not JSON');
      }
      const { id, channel, to, body, language } = payload ?? {};
      if (!['sms', 'voice'].includes(channel) || typeof to !== 'string' || typeof body !== 'string') {
        return reply(res, 400, 'expected {id, channel: "sms"|"voice", to, body, language}');
      }
      record({ channel, id, to, body, language: String(language ?? '') });
      return reply(res, 200, 'ok');
    });
    return;
  }

  reply(res, 404, 'not found');
});

// ---- start and stop ---------------------------------------------------------------------------

smtp.listen(SMTP_PORT, HOST, () => {
  http.listen(HTTP_PORT, HOST, () => {
    console.log(`sinks: SMTP on ${HOST}:${SMTP_PORT}, HTTP on http://${HOST}:${HTTP_PORT}`);
  });
});
http.on('error', (error) => {
  console.error('sinks: HTTP error:', error.message);
  process.exit(1);
});

// Nothing to flush: stop at once when Playwright (or Ctrl-C) ends the run.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

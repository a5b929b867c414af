import { createHash, randomBytes } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  tinyPdf,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { MailWatcher } from './index.ts';
import { type Dovecot, hasDovecot, startDovecot } from './testing/dovecot.ts';
import {
  compose,
  truncatedMultipart,
  unknownCharsetMessage,
  windows1258Message,
} from './testing/messages.ts';
import { TestSmtp } from './testing/smtp.ts';

const BIG = 30 * 1024 * 1024;

describe.runIf(hasDovecot() || process.env.CI).each(ENGINES)('incoming mail on %s', (engine) => {
  let t: TestApp;
  let A: Office;
  let admin: Client;
  let dovecot: Dovecot;
  let smtp: TestSmtp;
  const q = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);
  const bigPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(BIG - 9)]);

  async function append(...raws: Buffer[]) {
    const c = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await c.connect();
    for (const raw of raws) await c.append('INBOX', raw);
    await c.logout();
  }
  const account = (over: Record<string, unknown> = {}) => ({
    address: 'vanthu@coquan.test',
    displayName: 'Văn thư UBND huyện Thử',
    username: dovecot.user,
    password: dovecot.password,
    imapHost: dovecot.host,
    imapPort: dovecot.port,
    imapSecurity: 'none',
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    smtpSecurity: 'none',
    maxAttachmentMb: 40,
    pollEnabled: true,
    ...over,
  });
  const poll = async () => {
    const r = await admin.post('/api/v1/mail/account/poll');
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const candidates = async (status = 'waiting') =>
    (await A.clerk.get(`/api/v1/mail/candidates?status=${status}`)).json().items as {
      id: string;
      subject: string;
      status: string;
      reason: string | null;
      files: { sha256: string; fileName: string; size: number }[];
      fromName: string | null;
      bodyText: string;
      replyToDocumentId: string | null;
    }[];

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await new TestSmtp().start();
    t = await makeTestApp(engine, {
      SESSION_CACHE_MS: '0',
      MAIL_SECRET_KEY: 'khoa-bi-mat-cua-bai-thu-nghiem',
    });
    A = await makeOffice(t.app, t.database.db);
    admin = await signIn(t.app, A.s.admin.username);
    const r = await admin.inject({ method: 'PUT', url: '/api/v1/mail/account', payload: account() });
    expect(r.statusCode, r.body).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
    await dovecot?.stop();
  });

  it('tests the connection to both servers, and reports a wrong password', async () => {
    const ok = (await admin.post('/api/v1/mail/account/test')).json();
    expect(ok.imap.ok, ok.imap.detail).toBe(true);
    expect(ok.imap.detail).toContain('IDLE: có');
    expect(ok.smtp.ok, ok.smtp.detail).toBe(true);
    await admin.inject({
      method: 'PUT',
      url: '/api/v1/mail/account',
      payload: account({ password: 'sai-mat-khau' }),
    });
    const bad = (await admin.post('/api/v1/mail/account/test')).json();
    expect(bad.imap.ok).toBe(false);
    expect(bad.smtp.ok).toBe(false);
    const failed = await poll();
    expect(failed.ok).toBe(false);
    const view = (await admin.get('/api/v1/mail/account')).json().account;
    expect(view).toMatchObject({ lastPollStatus: 'error' });
    expect(view.lastError).toBeTruthy();
    await admin.inject({ method: 'PUT', url: '/api/v1/mail/account', payload: account() });
  });

  it('imports new messages as candidates, sets broken ones aside with a reason, and never imports one twice', async () => {
    const pdf = tinyPdf('cong van 123');
    const normal = await compose({
      from: 'Sở Tài chính <vanthu@stc.test>',
      to: 'vanthu@coquan.test',
      subject: 'Công văn số 123/STC-NS về dự toán ngân sách năm 2027',
      text: 'Kính gửi UBND huyện Thử,\nSở Tài chính gửi kèm công văn.',
      messageId: '<cv123@stc.test>',
      attachments: [{ filename: 'cong-van-123.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    const noAttachment = await compose({
      from: 'a@b.test',
      to: 'vanthu@coquan.test',
      subject: 'Chào bạn',
      text: 'Không có tệp',
      messageId: '<hello@b.test>',
    });
    const big = await compose({
      from: 'Sở Xây dựng <vanthu@sxd.test>',
      to: 'vanthu@coquan.test',
      subject: 'Hồ sơ thiết kế (bản vẽ lớn)',
      text: 'Gửi kèm bản vẽ.',
      messageId: '<big@sxd.test>',
      attachments: [{ filename: 'ban-ve.pdf', content: bigPdf, contentType: 'application/pdf' }],
    });
    await append(
      normal,
      normal, // the same message twice in the mailbox
      noAttachment,
      truncatedMultipart(pdf),
      windows1258Message(
        'Báo cáo tình hình thực hiện kế hoạch ứng dụng công nghệ thông tin',
        'Kính gửi Văn phòng, Phòng Tài chính – Kế hoạch gửi báo cáo.',
        tinyPdf('bao cao'),
      ),
      unknownCharsetMessage(),
      big,
    );
    const r = await poll();
    expect(r.ok, r.error).toBe(true);
    expect(r.summary).toEqual({ fetched: 7, created: 3, broken: 2, duplicates: 1, skipped: 1 });
    const list = await candidates();
    const bySubject = new Map(list.map((c) => [c.subject, c]));
    const cv = bySubject.get('Công văn số 123/STC-NS về dự toán ngân sách năm 2027')!;
    expect(cv).toMatchObject({ status: 'new', fromName: 'Sở Tài chính' });
    expect(cv.files).toEqual([
      expect.objectContaining({
        fileName: 'cong-van-123.pdf',
        sha256: createHash('sha256').update(pdf).digest('hex'),
      }),
    ]);
    const w = bySubject.get('Báo cáo tình hình thực hiện kế hoạch ứng dụng công nghệ thông tin');
    expect(w, [...bySubject.keys()].join(' | ')).toBeDefined();
    expect(w!.status).toBe('new');
    expect(w!.fromName).toBe('Phòng Tài chính');
    expect(w!.bodyText).toContain('Phòng Tài chính – Kế hoạch gửi báo cáo');
    const bigOne = bySubject.get('Hồ sơ thiết kế (bản vẽ lớn)')!;
    expect(bigOne.status).toBe('new');
    expect(bigOne.files[0]).toMatchObject({
      size: BIG,
      sha256: createHash('sha256').update(bigPdf).digest('hex'),
    });
    const cut = bySubject.get('Bao cao bi cat cut')!;
    expect(cut.status).toBe('broken');
    expect(cut.reason).toContain('không được đóng');
    const klingon = list.find((c) => c.reason?.includes('x-klingon'))!;
    expect(klingon.status).toBe('broken');
    expect(klingon.reason).toContain('Bảng mã không xác định');
    // The raw message is kept and can be downloaded.
    const raw = await A.clerk.get(`/api/v1/mail/candidates/${cut.id}/files/raw`);
    expect(raw.statusCode).toBe(200);
    expect(raw.body).toContain('Bao cao bi cat cut');

    // Polling again reads nothing new; forgetting the UIDs (a mailbox rebuilt) imports nothing twice.
    expect((await poll()).summary.fetched).toBe(0);
    await q('UPDATE mail_accounts SET last_uid = 0, uid_validity = NULL');
    const again = await poll();
    expect(again.summary).toMatchObject({ fetched: 7, created: 0, broken: 0 });
    expect(await candidates()).toHaveLength(5);
  }, 180_000);

  it('sets aside a message whose attachment is over the mailbox limit', async () => {
    await admin.inject({
      method: 'PUT',
      url: '/api/v1/mail/account',
      payload: account({ maxAttachmentMb: 1 }),
    });
    await append(
      await compose({
        from: 'x@y.test',
        to: 'vanthu@coquan.test',
        subject: 'Tệp quá lớn',
        text: '.',
        messageId: '<over@y.test>',
        attachments: [
          {
            filename: 'lon.pdf',
            content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2 * 1024 * 1024)]),
          },
        ],
      }),
    );
    expect((await poll()).summary).toMatchObject({ fetched: 1, broken: 1 });
    const c = (await candidates()).find((x) => x.subject === 'Tệp quá lớn')!;
    expect(c.status).toBe('broken');
    expect(c.reason).toContain('quá lớn');
    await admin.inject({ method: 'PUT', url: '/api/v1/mail/account', payload: account() });
  });

  it('ties a reply to the outgoing document whose Message-ID it answers', async () => {
    const docId = '0195f000-0000-7000-8000-000000000001';
    await q(
      `INSERT INTO mail_outbox (id, agency_id, kind, to_address, subject, body_text, message_id, document_id, status)
       VALUES ('0195f000-0000-7000-8000-0000000000aa', $1, 'document', 'dn@dn.test', 's', 'b', '<lt.reply-test@coquan.test>', $2, 'sent')`,
      [A.s.agency.id, docId],
    );
    await append(
      await compose({
        from: 'Doanh nghiệp <dn@dn.test>',
        to: 'vanthu@coquan.test',
        subject: 'Re: Văn bản số 5/UBND-VP',
        text: 'Chúng tôi đã nhận được.',
        messageId: '<reply1@dn.test>',
        inReplyTo: '<lt.reply-test@coquan.test>',
        references: ['<lt.reply-test@coquan.test>'],
      }),
    );
    await poll();
    const c = (await candidates()).find((x) => x.subject === 'Re: Văn bản số 5/UBND-VP')!;
    expect(c).toMatchObject({ status: 'new', replyToDocumentId: docId });
    // The outgoing document's page lists its replies, whatever their status; only the clerk of the
    // agency that received them sees them.
    const replies = await A.clerk.get(`/api/v1/mail/candidates?replyTo=${docId}`);
    expect(replies.json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    const other = await makeOffice(t.app, t.database.db);
    expect((await other.clerk.get(`/api/v1/mail/candidates?replyTo=${docId}`)).json().items).toEqual([]);
  });

  it('registers a candidate as an incoming document in one step, or dismisses one with a reason', async () => {
    const list = await candidates();
    const cv = list.find((c) => c.subject.startsWith('Công văn số 123'))!;
    // Only the clerk works the list; other agencies never see it.
    expectProblem(await A.officer.get('/api/v1/mail/candidates'), 403);
    const other = await makeOffice(t.app, t.database.db);
    expectProblem(await other.clerk.get(`/api/v1/mail/candidates/${cv.id}`), 404);
    const reg = await A.clerk.post(`/api/v1/mail/candidates/${cv.id}/register`, {
      issuerName: 'Sở Tài chính',
      numberNotation: '123/STC-NS',
      typeCode: 'cong_van',
      issuedDate: '2026-11-20',
      summary: 'Về dự toán ngân sách năm 2027',
      submitToId: A.s.leader.id,
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const { id, arrivalNumber } = reg.json();
    expect(arrivalNumber).toBeGreaterThanOrEqual(1);
    const d = (await A.clerk.get(`/api/v1/documents/${id}`)).json();
    expect(d).toMatchObject({ status: 'submitted', numberNotation: '123/STC-NS', direction: 'incoming' });
    expect(d.files.map((f: { fileName: string; sha256: string }) => [f.fileName, f.sha256])).toEqual([
      ['cong-van-123.pdf', cv.files[0]!.sha256],
    ]);
    const [src] = await q<{ source: string }>('SELECT source FROM documents WHERE id = $1', [id]);
    expect(src!.source).toBe('email');
    expectProblem(
      await A.clerk.post(`/api/v1/mail/candidates/${cv.id}/register`, {
        issuerName: 'Sở Tài chính',
        numberNotation: '123/STC-NS',
        typeCode: 'cong_van',
        issuedDate: '2026-11-20',
        summary: 'Về dự toán ngân sách năm 2027',
        allowDuplicate: true,
      }),
      409,
    );
    expect((await candidates('registered')).map((c) => c.id)).toEqual([cv.id]);

    const klingon = list.find((c) => c.reason?.includes('x-klingon'))!;
    expectProblem(await A.clerk.post(`/api/v1/mail/candidates/${klingon.id}/dismiss`, { reason: '' }), 400);
    expect(
      (
        await A.clerk.post(`/api/v1/mail/candidates/${klingon.id}/dismiss`, {
          reason: 'Thư rác, không phải văn bản',
        })
      ).statusCode,
    ).toBe(200);
    const dismissed = await candidates('dismissed');
    expect(dismissed[0]).toMatchObject({ id: klingon.id, status: 'dismissed' });
    expect(dismissed[0]!.reason).toContain('Thư rác');
    const [a] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('mail.candidate.register', 'mail.candidate.dismiss', 'document.register')`,
    );
    expect(a!.n).toBe(3);
  });

  it('notices new mail at once over IDLE', async () => {
    const watcher = new MailWatcher(t.database.db, t.config, { reconnectMs: 200, refreshMs: 60_000 });
    const polls = async (like: string) =>
      (
        await q<{ n: number }>(
          `SELECT count(*)::int AS n FROM jobs WHERE kind = 'mail.poll' AND dedupe_key LIKE $1`,
          [like],
        )
      )[0]!.n;
    try {
      await watcher.start();
      const until = Date.now() + 15_000;
      while ((await polls('%:open:%')) === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      expect(await polls('%:open:%')).toBe(1);
      await new Promise((r) => setTimeout(r, 300)); // let the client enter IDLE
      await append(await compose({ from: 'z@z.test', to: 'vanthu@coquan.test', subject: 'IDLE', text: '.' }));
      while ((await polls('%:idle:%')) === 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 50));
      expect(await polls('%:idle:%')).toBeGreaterThanOrEqual(1);
    } finally {
      await watcher.stop();
    }
  }, 30_000);
});

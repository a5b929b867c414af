import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectProblem,
  makeTestApp,
  signIn,
  type TestApp,
  tinyPdf,
  upload,
} from '../../../../test/helpers/app.ts';
import { ENGINES } from '../../../../test/helpers/db.ts';
import { makeOffice, type Office } from '../../../../test/helpers/offices.ts';
import { decryptSecret, mailKey } from '../../platform/crypto/index.ts';
import { enqueue, type JobRunner } from '../../platform/jobs/index.ts';
import { jobRunner } from '../../runtime.ts';
import { notify } from '../notifications/index.ts';
import { digestJob } from './outbox.ts';
import { TestSmtp } from './testing/smtp.ts';

const SIGNATURE = 'VĂN PHÒNG SỞ THỬ NGHIỆM\nSố 1 đường Thử, tỉnh Thử\nĐiện thoại: 0200 000 000';

describe.each(ENGINES)('outgoing mail on %s', (engine) => {
  let t: TestApp;
  let A: Office;
  let smtp: TestSmtp;
  let runner: JobRunner;
  const db = () => t.database.db;
  const q = <T>(text: string, params: unknown[] = []) => t.database.query<T>(text, params);

  beforeAll(async () => {
    t = await makeTestApp(engine, {
      SESSION_CACHE_MS: '0',
      MAIL_SECRET_KEY: 'khoa-bi-mat-cua-bai-thu-nghiem',
    });
    smtp = await new TestSmtp().start();
    A = await makeOffice(t.app, db());
    for (const [p, email] of [
      [A.s.officer, 'chuyenvien@coquan.test'],
      [A.s.leader, 'lanhdao@coquan.test'],
      [A.s.clerk, 'vanthu.canhan@coquan.test'],
    ] as const)
      await q('UPDATE people SET email = $1 WHERE id = $2', [email, p.id]);
    const admin = await signIn(t.app, A.s.admin.username);
    const r = await admin.inject({
      method: 'PUT',
      url: '/api/v1/mail/account',
      payload: {
        address: 'vanthu@coquan.test',
        displayName: 'Văn thư Sở Thử nghiệm',
        username: 'vanthu@coquan.test',
        password: 'mat-khau-thu',
        imapHost: '127.0.0.1',
        imapPort: 9,
        imapSecurity: 'none',
        smtpHost: '127.0.0.1',
        smtpPort: smtp.port,
        smtpSecurity: 'none',
        signature: SIGNATURE,
        pollEnabled: false,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    runner = jobRunner(t.app.services, { backoffBaseMs: 20, batch: 25 });
  });
  afterAll(async () => {
    await smtp.stop();
    await t.close();
  });

  /** Runs due jobs until `done()` or the time runs out. */
  async function runUntil(done: () => Promise<boolean> | boolean, ms = 60_000) {
    const until = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > until) throw new Error('timed out waiting for the mail jobs');
      if ((await runner.tick()) === 0) await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('keeps the mailbox password encrypted at rest and never returns it', async () => {
    const [row] = await q<{ secret_enc: string }>(
      'SELECT secret_enc FROM mail_accounts WHERE agency_id = $1',
      [A.s.agency.id],
    );
    expect(row!.secret_enc).not.toContain('mat-khau-thu');
    expect(decryptSecret(mailKey(t.config), row!.secret_enc)).toBe('mat-khau-thu');
    expect(() =>
      decryptSecret(mailKey({ ...t.config, MAIL_SECRET_KEY: 'mot-khoa-khac-hoan-toan' }), row!.secret_enc),
    ).toThrow();
    const admin = await signIn(t.app, A.s.admin.username);
    const view = (await admin.get('/api/v1/mail/account')).json().account;
    expect(view).toMatchObject({ address: 'vanthu@coquan.test', hasPassword: true });
    expect(JSON.stringify(view)).not.toContain('mat-khau');
    // Only the agency's administrators manage it.
    expectProblem(await A.clerk.get('/api/v1/mail/account'), 403);
  });

  it('sends a burst of 200 notices exactly once although the SMTP server stops in the middle', async () => {
    const before = smtp.received.length;
    for (let i = 0; i < 200; i++)
      await db().transaction((tx) =>
        notify(tx, [A.s.officer.id], {
          kind: 'document.assigned',
          title: `Văn bản được giao xử lý số ${i}`,
          body: `Trích yếu ${i}`,
          link: `/van-ban/${i}`,
        }),
      );
    // Part of the burst goes out, then the server goes down.
    await runUntil(() => smtp.received.length - before >= 60);
    const port = smtp.port;
    await smtp.stop();
    // While it is down, sending fails and is retried later: nothing is lost, nothing marked sent.
    for (let i = 0; i < 6; i++) {
      await runner.tick();
      await new Promise((r) => setTimeout(r, 30));
    }
    const [failing] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE kind = 'mail.send' AND status = 'queued' AND last_error IS NOT NULL`,
    );
    expect(failing!.n).toBeGreaterThan(0);
    const down = smtp.received.length - before;
    expect(down).toBeLessThan(200);
    await smtp.start(port);
    await runUntil(async () => {
      const [r] = await q<{ n: number }>(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE kind = 'notice' AND status = 'sent'`,
      );
      return r!.n >= 200;
    });
    const got = smtp.received.slice(before);
    expect(got).toHaveLength(200);
    const ids = new Set(got.map((m) => m.parsed.messageId));
    expect(ids.size).toBe(200);
    const subjects = new Set(got.map((m) => m.parsed.subject));
    for (let i = 0; i < 200; i++)
      expect(subjects.has(`[Liên Thông] Văn bản được giao xử lý số ${i}`)).toBe(true);
    const one = got[0]!;
    expect(one.to).toEqual(['chuyenvien@coquan.test']);
    expect(one.parsed.text).toContain('Kính gửi');
    expect(one.parsed.text).toContain('VĂN PHÒNG SỞ THỬ NGHIỆM');
    // Nothing is left to send, and a further run sends nothing again.
    await runner.drain();
    expect(smtp.received.length - before).toBe(200);
  }, 120_000);

  it('after a process dies mid-send, the mail is sent once: never again once it is marked sent', async () => {
    const before = smtp.received.length;
    await db().transaction((tx) =>
      notify(tx, [A.s.leader.id], {
        kind: 'document.review',
        title: 'Dự thảo chờ bạn duyệt (khởi động lại)',
      }),
    );
    await runner.drain(); // mail.notice → outbox row + mail.send job, which sends it
    expect(smtp.received.length - before).toBe(1);
    const [row] = await q<{ id: string }>(`SELECT id FROM mail_outbox WHERE subject LIKE '%(khởi động lại)'`);
    // As if the process had died after marking the mail sent but before closing its job: the lease
    // runs out and another runner takes the job over. It sees the mail sent and sends nothing.
    await q(
      `UPDATE jobs SET status = 'running', locked_by = 'dead-process', lease_until = now() - interval '1 second' WHERE dedupe_key = $1`,
      [`mail.send:${row!.id}`],
    );
    const next = jobRunner(t.app.services, { backoffBaseMs: 20 });
    await next.drain();
    expect(smtp.received.length - before).toBe(1);
    const [job] = await q<{ status: string }>(`SELECT status FROM jobs WHERE dedupe_key = $1`, [
      `mail.send:${row!.id}`,
    ]);
    expect(job!.status).toBe('done');

    await db().transaction((tx) =>
      notify(tx, [A.s.leader.id], { kind: 'document.review', title: 'Dự thảo thứ hai (tiến trình chết)' }),
    );
    // The notice job runs, but the send job is claimed by a process that dies before sending.
    await next.tick();
    const [second] = await q<{ id: string }>(
      `SELECT id FROM mail_outbox WHERE subject LIKE '%(tiến trình chết)'`,
    );
    await q(
      `UPDATE jobs SET status = 'running', locked_by = 'dead-process', attempts = 1, lease_until = now() - interval '1 second' WHERE dedupe_key = $1`,
      [`mail.send:${second!.id}`],
    );
    await next.drain();
    const got = smtp.received.slice(before).map((m) => m.parsed.subject);
    expect(got).toEqual([
      '[Liên Thông] Dự thảo chờ bạn duyệt (khởi động lại)',
      '[Liên Thông] Dự thảo thứ hai (tiến trình chết)',
    ]);
  });

  it('follows each person’s choice: at once, in the daily digest, or off', async () => {
    const officer = A.officer;
    const r = await officer.inject({
      method: 'PUT',
      url: '/api/v1/mail/preferences',
      payload: {
        items: [
          { kind: 'assigned', mode: 'digest' },
          { kind: 'due_soon', mode: 'off' },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items).toContainEqual({ kind: 'overdue', mode: 'immediate' });
    const before = smtp.received.length;
    await db().transaction(async (tx) => {
      for (const title of ['Giao việc A', 'Giao việc B', 'Giao việc C'])
        await notify(tx, [A.s.officer.id], { kind: 'document.assigned', title, link: '/van-ban/x' });
      await notify(tx, [A.s.officer.id], { kind: 'document.due_soon', title: 'Sắp đến hạn' });
      await notify(tx, [A.s.officer.id], { kind: 'document.overdue', title: 'Đã quá hạn' });
    });
    await runner.drain();
    let got = smtp.received.slice(before);
    expect(got.map((m) => m.parsed.subject)).toEqual(['[Liên Thông] Đã quá hạn']);
    await enqueue(db(), digestJob, {});
    await runner.drain();
    got = smtp.received.slice(before);
    expect(got).toHaveLength(2);
    const digest = got[1]!.parsed;
    expect(digest.subject).toBe('[Liên Thông] Tổng hợp 3 thông báo');
    for (const title of ['Giao việc A', 'Giao việc B', 'Giao việc C']) expect(digest.text).toContain(title);
    expect(digest.text).not.toContain('Sắp đến hạn');
    expect(digest.text).toContain('VĂN PHÒNG SỞ THỬ NGHIỆM');
    // The next digest has nothing to send.
    await enqueue(db(), digestJob, {}, { dedupeKey: 'second-digest' });
    await runner.drain();
    expect(smtp.received.length - before).toBe(2);
  });

  it('mails a released document to an outside address with its files and a Message-ID that ties replies to it', async () => {
    const pdf = tinyPdf('cong van gui ra ngoai');
    const file = await upload(A.officer, 'cong-van.pdf', 'application/pdf', pdf);
    const draft = await A.officer.post('/api/v1/documents/drafts', {
      typeCode: 'cong_van',
      summary: 'V/v đề nghị cung cấp số liệu ứng dụng công nghệ thông tin',
      recipients: [
        { kind: 'outside', name: 'Công ty Cổ phần Dữ liệu', email: 'lienhe@doanhnghiep.test' },
        { kind: 'outside', name: 'Bưu điện tỉnh' },
      ],
      files: [file],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    await A.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: A.s.leader.id });
    await A.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' });
    const rel = await A.clerk.post(`/api/v1/documents/${id}/release`, {});
    expect(rel.statusCode, rel.body).toBe(200);
    const before = smtp.received.length;
    await runUntil(async () => smtp.received.length > before);
    await runner.drain();
    const mails = smtp.received.slice(before).filter((m) => m.to.includes('lienhe@doanhnghiep.test'));
    expect(mails).toHaveLength(1);
    const m = mails[0]!.parsed;
    expect(m.subject).toContain(rel.json().numberNotation);
    expect(m.text).toContain('Kính gửi: Công ty Cổ phần Dữ liệu');
    expect(m.attachments).toHaveLength(1);
    expect(m.attachments[0]!.filename).toBe('cong-van.pdf');
    expect(createHash('sha256').update(m.attachments[0]!.content).digest('hex')).toBe(file.sha256);
    const [out] = await q<{ message_id: string; document_id: string }>(
      `SELECT message_id, document_id FROM mail_outbox WHERE document_id = $1`,
      [id],
    );
    expect(m.messageId).toBe(out!.message_id);
    expect(m.headers.get('x-lienthong-document')).toBe(id);
    // The delivery shows it went by mail; the recipient without an address stays on paper.
    const d = (await A.clerk.get(`/api/v1/documents/${id}`)).json();
    expect(
      d.deliveries.map((x: { channel: string; status: string }) => `${x.channel}:${x.status}`).sort(),
    ).toEqual(['email:sent', 'paper:pending']);
  });

  it('does not mail a document recalled before its mail left', async () => {
    const file = await upload(A.officer, 'thu-hoi.pdf', 'application/pdf', tinyPdf('thu hoi'));
    const id = (
      await A.officer.post('/api/v1/documents/drafts', {
        typeCode: 'thong_bao',
        summary: 'Thông báo sẽ bị thu hồi',
        recipients: [{ kind: 'outside', name: 'Hợp tác xã B', email: 'htx@doanhnghiep.test' }],
        files: [file],
      })
    ).json().id;
    await A.officer.post(`/api/v1/documents/${id}/submit-review`, { toId: A.s.leader.id });
    await A.leader.post(`/api/v1/documents/${id}/review`, { action: 'sign' });
    expect((await A.clerk.post(`/api/v1/documents/${id}/release`, {})).statusCode).toBe(200);
    await runner.tick(); // the outbox row is written…
    const r = await A.clerk.post(`/api/v1/documents/${id}/recall`, { reason: 'Sai nơi nhận' });
    expect(r.statusCode, r.body).toBe(200);
    const before = smtp.received.length;
    await runner.drain(); // …but nothing leaves
    expect(smtp.received.slice(before).filter((m) => m.to.includes('htx@doanhnghiep.test'))).toEqual([]);
    const [o] = await q<{ status: string }>('SELECT status FROM mail_outbox WHERE document_id = $1', [id]);
    expect(o!.status).toBe('cancelled');
  });

  it('shows the queue to the admin, who can cancel a waiting mail and retry a failed one', async () => {
    const admin = await signIn(t.app, A.s.admin.username);
    await smtp.stop();
    const port = smtp.port;
    await db().transaction((tx) =>
      notify(tx, [A.s.leader.id], { kind: 'document.submitted', title: 'Văn bản chờ ý kiến' }),
    );
    await db().transaction((tx) =>
      notify(tx, [A.s.leader.id], { kind: 'document.submitted', title: 'Văn bản khác chờ ý kiến' }),
    );
    await runner.tick();
    await runner.tick();
    const pending = (await admin.get('/api/v1/mail/outbox?state=pending')).json().items;
    type Item = { id: string; subject: string; state: string };
    const keep = pending.find((x: Item) => x.subject === '[Liên Thông] Văn bản chờ ý kiến') as Item;
    const drop = pending.find((x: Item) => x.subject === '[Liên Thông] Văn bản khác chờ ý kiến') as Item;
    expect(keep.state).toMatch(/queued|retrying/);
    // Dead-letter one as if its attempts ran out: it shows as failed with the error.
    await q(`UPDATE jobs SET status = 'dead', last_error = 'connect ECONNREFUSED' WHERE dedupe_key = $1`, [
      `mail.send:${keep.id}`,
    ]);
    const failed = (await admin.get('/api/v1/mail/outbox?state=failed')).json().items;
    expect(failed.map((x: { id: string }) => x.id)).toEqual([keep.id]);
    expect(failed[0].lastError).toBeTruthy();
    expect((await admin.post(`/api/v1/mail/outbox/${drop.id}/cancel`)).statusCode).toBe(200);
    expectProblem(await admin.post(`/api/v1/mail/outbox/${drop.id}/cancel`), 409);
    await smtp.start(port);
    const before = smtp.received.length;
    expect((await admin.post(`/api/v1/mail/outbox/${keep.id}/retry`)).statusCode).toBe(200);
    await runner.drain();
    const subjects = smtp.received.slice(before).map((m) => m.parsed.subject);
    expect(subjects).toEqual(['[Liên Thông] Văn bản chờ ý kiến']);
    const sent = (await admin.get('/api/v1/mail/outbox?state=sent&limit=5')).json().items;
    expect(sent[0]).toMatchObject({ id: keep.id, state: 'sent' });
    const cancelled = (await admin.get('/api/v1/mail/outbox?state=cancelled')).json().items;
    expect(cancelled.map((x: { id: string }) => x.id)).toContain(drop.id);
    const [audited] = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('mail.outbox.cancel', 'mail.outbox.retry')`,
    );
    expect(audited!.n).toBe(2);
  });
});

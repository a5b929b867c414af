import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db.ts';
import { makeAgencyWithStaff } from '../../../../test/helpers/factories.ts';
import type { Db } from '../../db/client.ts';
import { type ArrivingCopy, cancelCopies, landCopies, reviseCopies } from './copies.ts';
import { markDeliveries, markDelivery, reportDeliveries } from './delivery.ts';
import { currentFiles } from './files.ts';
import { findDeliveries, findDocuments } from './records.ts';
import { routeCode } from './routing.ts';
import { deliveries, documentFiles, documents } from './schema.ts';

// The operations documents offers other modules on recipients' copies and deliveries (the exchange
// lands, cancels and revises copies and reports statuses through them), on the database itself.

const file = (n: string, role: 'main' | 'attachment' = 'main') => ({
  sha256: n.repeat(64).slice(0, 64),
  fileName: `${n}.pdf`,
  mediaType: 'application/pdf',
  size: 100,
  role,
});

describe.each(ENGINES)('recipients’ copies and deliveries on %s', (engine) => {
  let t: TestDatabase;
  let db: Db;
  let office: Awaited<ReturnType<typeof makeAgencyWithStaff>>;
  const at = new Date('2026-11-23T03:00:00Z');
  beforeAll(async () => {
    t = await openTestDatabase(engine);
    db = t.database.db;
    office = await makeAgencyWithStaff(db);
  });
  afterAll(() => t.cleanup());

  const arriving = (over: Partial<ArrivingCopy> = {}): ArrivingCopy => ({
    id: uuidv7(),
    agencyId: office.agency.id,
    source: 'edxml',
    fields: {
      typeCode: 'cong_van',
      summary: 'V/v phối hợp',
      numberNotation: '12/UBND-VP',
      issuedDate: '2026-11-20',
      issuerName: 'UBND tỉnh B',
      issuerCode: '000.00.00.B01',
      signerName: 'Nguyễn Văn A',
      signerTitle: 'Chủ tịch',
      urgency: 'khan',
      pageCount: 2,
      copies: null,
      dueDate: null,
    },
    files: [file('a'), file('b', 'attachment')],
    arrival: { from: 'UBND tỉnh B', via: 'edxml' },
    notice: 'Văn bản liên thông mới đến từ UBND tỉnh B',
    ...over,
  });
  const eventsOf = (id: string) =>
    t.database.query<{ kind: string; note: string | null; data: Record<string, unknown> }>(
      `SELECT kind, note, data FROM document_events WHERE document_id = $1 ORDER BY at, id`,
      [id],
    );
  const noticesOf = (personId: string, kind: string) =>
    t.database.query<{ title: string; link: string }>(
      `SELECT title, link FROM notifications WHERE person_id = $1 AND kind = $2 ORDER BY created_at`,
      [personId, kind],
    );

  it('lands copies from outside as pending incoming documents, with files, event, notice and text job', async () => {
    const one = arriving();
    const two = arriving({ files: [file('c')] });
    await db.transaction((tx) => landCopies(tx, at, [one, two]));
    const docs = await findDocuments(db, [one.id, two.id, uuidv7()]);
    expect(docs.size).toBe(2);
    expect(docs.get(one.id)).toMatchObject({
      agencyId: office.agency.id,
      direction: 'incoming',
      status: 'pending',
      secrecy: 'normal',
      source: 'edxml',
      summary: 'V/v phối hợp',
      numberNotation: '12/UBND-VP',
      urgency: 'khan',
      arrivedAt: at,
    });
    const files = await currentFiles(db, [one.id, two.id]);
    expect(files.get(one.id)!.map((f) => [f.fileName, f.role, f.version])).toEqual([
      ['a.pdf', 'main', 1],
      ['b.pdf', 'attachment', 1],
    ]);
    expect(files.get(two.id)!.map((f) => f.fileName)).toEqual(['c.pdf']);
    expect(await eventsOf(one.id)).toEqual([{ kind: 'arrived', note: null, data: one.arrival }]);
    expect((await noticesOf(office.clerk.id, 'document.arrived')).map((n) => n.link)).toEqual([
      `/van-ban/${one.id}`,
      `/van-ban/${two.id}`,
    ]);
    const jobs = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM jobs WHERE kind = 'documents.extract_text' AND payload->>'documentId' = ANY($1)`,
      [[one.id, two.id]],
    );
    expect(jobs[0]!.n).toBe(2);
    await landCopies(db, at, []); // nothing to land: no statement, no error
  });

  it('revises copies: new summary, new files as the next version (old ones kept), event and notice', async () => {
    const copy = arriving();
    await landCopies(db, at, [copy]);
    const before = (await findDocuments(db, [copy.id])).get(copy.id)!;
    await reviseCopies(db, at, [
      {
        copyId: copy.id,
        reason: 'Sửa lỗi',
        data: { via: 'edxml' },
        notify: { title: 'UBND tỉnh B cập nhật văn bản', copy: before },
        summary: 'V/v phối hợp (sửa)',
        files: [file('d')],
      },
    ]);
    expect((await findDocuments(db, [copy.id])).get(copy.id)!.summary).toBe('V/v phối hợp (sửa)');
    expect((await currentFiles(db, [copy.id])).get(copy.id)!.map((f) => [f.fileName, f.version])).toEqual([
      ['d.pdf', 2],
    ]);
    const all = await db.select().from(documentFiles);
    expect(all.filter((f) => f.documentId === copy.id)).toHaveLength(3);
    expect((await eventsOf(copy.id)).at(-1)).toEqual({
      kind: 'updated',
      note: 'Sửa lỗi',
      data: { version: 2, via: 'edxml' },
    });
    // The notice shows the copy as it was when the update came.
    const [notice] = (await noticesOf(office.clerk.id, 'document.updated')).slice(-1);
    expect(notice).toMatchObject({ title: 'UBND tỉnh B cập nhật văn bản', link: `/van-ban/${copy.id}` });

    // Without new files the files stay; a given version is used as is (a release here numbers it).
    await reviseCopies(db, at, [
      { copyId: copy.id, reason: null, summary: 'Lần 3', files: null, version: 7 },
    ]);
    expect((await currentFiles(db, [copy.id])).get(copy.id)!.map((f) => f.fileName)).toEqual(['d.pdf']);
    expect((await eventsOf(copy.id)).at(-1)).toEqual({ kind: 'updated', note: null, data: { version: 7 } });
  });

  it('cancels copies on a recall, keeping their metadata; the clerks hear of it only when asked', async () => {
    const quiet = arriving();
    const told = arriving();
    await landCopies(db, at, [quiet, told]);
    await db.update(documents).set({ holderId: office.clerk.id }).where(eq(documents.id, quiet.id));
    const before = await noticesOf(office.clerk.id, 'document.recalled');
    await cancelCopies(db, at, [
      { copyId: quiet.id, reason: 'Ban hành nhầm', data: { by: 'x' } },
      {
        copyId: told.id,
        reason: null,
        data: { by: 'UBND tỉnh B', via: 'edxml' },
        notify: {
          title: 'UBND tỉnh B thu hồi văn bản',
          copy: { agencyId: office.agency.id, summary: 'V/v' },
        },
      },
    ]);
    const docs = await findDocuments(db, [quiet.id, told.id]);
    for (const d of docs.values())
      expect(d).toMatchObject({ status: 'cancelled', holderId: null, summary: 'V/v phối hợp' });
    expect((await eventsOf(quiet.id)).at(-1)).toEqual({
      kind: 'recalled',
      note: 'Ban hành nhầm',
      data: { by: 'x' },
    });
    const after = await noticesOf(office.clerk.id, 'document.recalled');
    expect(after.slice(before.length).map((n) => n.link)).toEqual([`/van-ban/${told.id}`]);
  });

  it('marks deliveries set-based: a recalled one keeps its status, the last change of one wins', async () => {
    const [sent] = await db
      .insert(documents)
      .values({
        agencyId: office.agency.id,
        direction: 'outgoing',
        status: 'released',
        typeCode: 'cong_van',
        summary: 'Văn bản đi',
        drafterId: office.officer.id,
      })
      .returning();
    const row = (status: string) => ({
      documentId: sent!.id,
      channel: 'edxml',
      recipientName: `Nơi nhận ${status}`,
      status,
    });
    const made = await db
      .insert(deliveries)
      .values([row('pending'), row('recalled'), row('delivered')])
      .returning();
    const [pending, recalled, delivered] = made.map((d) => d.id) as [string, string, string];
    await markDeliveries(db, at, [
      { deliveryId: pending, status: 'delivered', note: 'Đã đến' },
      { deliveryId: pending, status: 'registered', note: 'Đã tiếp nhận' },
      { deliveryId: recalled, status: 'registered', note: 'muộn' },
      { deliveryId: delivered, note: 'Đã gửi yêu cầu thu hồi' },
    ]);
    let rows = await findDeliveries(db, [pending, recalled, delivered]);
    expect(rows.get(pending)).toMatchObject({ status: 'registered', note: 'Đã tiếp nhận', statusAt: at });
    expect(rows.get(recalled)).toMatchObject({ status: 'recalled', note: null });
    expect(rows.get(delivered)).toMatchObject({ status: 'delivered', note: 'Đã gửi yêu cầu thu hồi' });
    // A recall itself does move a recalled delivery (a 15 answering a recall).
    await markDeliveries(db, at, [{ deliveryId: recalled, status: 'recalled', note: 'Đã thu hồi' }]);
    await markDelivery(db, delivered, 'sent');
    rows = await findDeliveries(db, [recalled, delivered]);
    expect(rows.get(recalled)).toMatchObject({ status: 'recalled', note: 'Đã thu hồi' });
    expect(rows.get(delivered)).toMatchObject({ status: 'sent', note: null });

    // A report also writes the sender's timeline, and a refusal tells the drafter and the clerks.
    await reportDeliveries(db, at, [
      {
        deliveryId: pending,
        documentId: sent!.id,
        status: 'refused',
        note: 'Sai địa chỉ',
        event: { kind: 'exchange_status', data: { code: '02' } },
        notify: { kind: 'exchange_refused', title: 'B từ chối tiếp nhận văn bản' },
      },
    ]);
    expect((await findDeliveries(db, [pending])).get(pending)).toMatchObject({ status: 'refused' });
    expect(await eventsOf(sent!.id)).toEqual([
      { kind: 'exchange_status', note: 'Sai địa chỉ', data: { code: '02' } },
    ]);
    for (const p of [office.officer.id, office.clerk.id])
      expect((await noticesOf(p, 'document.exchange_refused')).map((n) => n.link)).toEqual([
        `/van-ban/${sent!.id}`,
      ]);
  });

  it('gives the current files of many documents in one query, by role when asked', async () => {
    const copy = arriving({ files: [file('e'), file('f', 'attachment')] });
    await landCopies(db, at, [copy]);
    await db.insert(documentFiles).values({ ...file('g'), role: 'result', documentId: copy.id });
    const none = uuidv7();
    const all = await currentFiles(db, [copy.id, none]);
    expect(all.get(copy.id)!.map((f) => f.fileName)).toEqual(['e.pdf', 'f.pdf', 'g.pdf']);
    expect(all.get(none)).toEqual([]);
    const sent = await currentFiles(db, [copy.id], { roles: ['main', 'attachment'] });
    expect(sent.get(copy.id)!.map((f) => f.role)).toEqual(['main', 'attachment']);
    expect((await currentFiles(db, [])).size).toBe(0);
  });

  it('routes a coded recipient: an agency here first (never a division), then a peer, else unknown', () => {
    const locals = new Map([
      ['A', { kind: 'department', name: 'Sở A' }],
      ['D', { kind: 'division', name: 'Phòng D' }],
    ]);
    const peers = new Map([
      ['A', { name: 'Tỉnh khác' }],
      ['D', { name: 'Tỉnh D' }],
      ['P', { name: 'Tỉnh P' }],
    ]);
    expect(routeCode('A', locals, peers)).toEqual({ kind: 'local', agency: locals.get('A') });
    expect(routeCode('D', locals, peers)).toEqual({ kind: 'peer', peer: { name: 'Tỉnh D' } });
    expect(routeCode('P', locals, peers)).toEqual({ kind: 'peer', peer: { name: 'Tỉnh P' } });
    expect(routeCode('X', locals, peers)).toEqual({ kind: 'unknown' });
  });
});

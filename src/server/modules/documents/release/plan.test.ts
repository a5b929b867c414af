import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import type { DocumentRow } from '../common.ts';
import { planRelease, type Recipient, type ReleaseOptions } from './plan.ts';
import type { LocalAgency, ReleaseRead } from './routing.ts';

// The plan is a pure function of the first statement's rows, the clerk's options and the clock: every
// rule of who gets what is checked here without a database (documents.test.ts and exchange.test.ts
// check the statements themselves, on both engines).

const DOC_ID = '01890a5d-ac96-774b-bcce-b302099a0001';
const AGENCY = {
  id: '01890a5d-ac96-774b-bcce-b302099a1000',
  name: 'Sở Nội vụ',
  shortName: 'SNV',
  agencyCode: '000.00.01.H01',
};
const CLERK = { personId: '01890a5d-ac96-774b-bcce-b302099a2000', fullName: 'Nguyễn Văn Thư' };
// 18:30 UTC on 31 December is already 1 January in Vietnam.
const NOW = new Date('2026-12-31T18:30:00Z');

const local = (n: number, extra: Partial<LocalAgency> = {}): LocalAgency => ({
  id: `01890a5d-ac96-774b-bcce-b302099a300${n}`,
  name: `Ủy ban nhân dân xã ${n}`,
  code: `000.00.0${n}.X0${n}`,
  kind: 'commune',
  status: 'active',
  clerks: [`01890a5d-ac96-774b-bcce-b302099a400${n}`],
  ...extra,
});

function doc(recipients: Recipient[], extra: Partial<DocumentRow> = {}): DocumentRow {
  return {
    id: DOC_ID,
    agencyId: AGENCY.id,
    direction: 'outgoing',
    status: 'signed',
    typeCode: 'cong_van',
    summary: 'V/v triển khai chuyển đổi số năm 2027',
    signerName: 'Trần Giám Đốc',
    signerTitle: 'Giám đốc',
    secrecy: 'normal',
    urgency: 'normal',
    pageCount: 2,
    dueDate: null,
    fileText: 'nội dung',
    recipients,
    ...extra,
  } as DocumentRow;
}

function read(recipients: Recipient[], over: Partial<ReleaseRead> = {}, extra: Partial<DocumentRow> = {}) {
  return {
    doc: doc(recipients, extra),
    agency: AGENCY,
    division: 'VP',
    files: [
      { sha256: 'a'.repeat(64), fileName: 'cv.pdf', mediaType: 'application/pdf', size: 1234, role: 'main' },
      {
        sha256: 'b'.repeat(64),
        fileName: 'phu-luc.pdf',
        mediaType: 'application/pdf',
        size: 99,
        role: 'attachment',
      },
    ],
    locals: [],
    peers: [],
    ...over,
  } satisfies ReleaseRead;
}

/** Ids in order of asking, so plans compare exactly. */
function ids() {
  let n = 0;
  return () => `id-${++n}`;
}

const plan = (r: ReleaseRead, opts: ReleaseOptions = {}) =>
  planRelease(r, { id: DOC_ID, actor: CLERK, opts }, NOW, ids());

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('the plan of a release', () => {
  it('dates and notes the document in Vietnam time, from its type, issuer and drafting division', () => {
    const p = plan(read([{ kind: 'outside', name: 'Bưu điện tỉnh' }]));
    expect(p.year).toBe(2027);
    expect(p.notation).toBe('SNV-VP');
    expect(p.released).toMatchObject({
      status: 'released',
      notation: 'SNV-VP',
      issuedDate: '2027-01-01',
      issuerAgencyId: AGENCY.id,
      issuerName: AGENCY.name,
      issuerCode: AGENCY.agencyCode,
      releasedAt: NOW,
      holderId: null,
    });
    expect(p).toMatchObject({ id: DOC_ID, agencyId: AGENCY.id, secret: false, now: NOW });
    expect(p.audit).toEqual({
      action: 'document.release',
      entityType: 'document',
      entityId: DOC_ID,
      agencyId: AGENCY.id,
      detail: { recipients: 1 },
    });
  });

  it('gives an agency here its incoming copy with the same files, an arrival event and a notice to its clerks', () => {
    const here = local(1);
    const p = plan(read([{ kind: 'agency', agencyId: here.id, name: here.name }], { locals: [here] }));
    expect(p.deliveries).toEqual([
      {
        id: 'id-1',
        documentId: DOC_ID,
        channel: 'internal',
        recipientAgencyId: here.id,
        recipientName: here.name,
        status: 'delivered',
        incomingDocumentId: 'id-2',
        statusAt: NOW,
      },
    ]);
    expect(p.copies).toHaveLength(1);
    expect(p.copies[0]).toMatchObject({
      id: 'id-2',
      agencyId: here.id,
      direction: 'incoming',
      status: 'pending',
      issuedDate: '2027-01-01',
      issuerName: AGENCY.name,
      secrecy: 'normal',
      source: 'electronic',
      sourceDocumentId: DOC_ID,
      deliveryId: 'id-1',
      arrivedAt: NOW,
      fileText: 'nội dung',
    });
    expect(p.copyFiles.map((f) => [f.documentId, f.sha256, f.version])).toEqual([
      ['id-2', 'a'.repeat(64), 1],
      ['id-2', 'b'.repeat(64), 1],
    ]);
    expect(p.events).toEqual([
      { documentId: 'id-2', at: NOW, actorName: 'Hệ thống', kind: 'arrived', data: { from: AGENCY.name } },
      {
        documentId: DOC_ID,
        at: NOW,
        actorId: CLERK.personId,
        actorName: CLERK.fullName,
        kind: 'released',
        data: { recipients: 1, electronic: 1, exchanged: 0 },
      },
    ]);
    expect(p.notices).toEqual([
      {
        personIds: here.clerks,
        notice: {
          kind: 'document.arrived',
          title: `Văn bản điện tử mới đến từ ${AGENCY.name}`,
          body: 'V/v triển khai chuyển đổi số năm 2027',
          link: '/van-ban/id-2',
        },
      },
    ]);
    expect(p.toPeers).toEqual([]);
    expect(p.mails).toEqual([]);
  });

  it('routes an agency code to an active agency here first, then to the peer serving it', () => {
    const here = local(1);
    const merged = local(2, { status: 'merged' });
    const peer = { code: merged.code!, peerId: 'peer-1', peerName: 'Hệ thống tỉnh B' };
    const p = plan(
      read(
        [
          { kind: 'outside', name: 'Xã 1 (theo mã)', agencyCode: here.code! },
          { kind: 'outside', name: 'Sở ở tỉnh B', agencyCode: merged.code! },
        ],
        { locals: [here, merged], peers: [peer] },
      ),
    );
    expect(p.deliveries.map((d) => [d.channel, d.status, d.recipientAgencyId ?? null])).toEqual([
      ['internal', 'delivered', here.id],
      ['edxml', 'pending', null],
    ]);
    expect(p.deliveries[1]).toMatchObject({ note: 'Gửi qua Hệ thống tỉnh B' });
    expect(p.copies.map((c) => c.agencyId)).toEqual([here.id]);
    expect(p.toPeers).toEqual([{ deliveryId: 'id-3', agencyCode: merged.code, peerId: 'peer-1' }]);
    expect(p.events.at(-1)!.data).toEqual({ recipients: 2, electronic: 1, exchanged: 1 });
  });

  it('refuses codes nobody serves, naming them, unless the clerk sends those on paper', () => {
    const recipients: Recipient[] = [
      { kind: 'outside', name: 'Cơ quan chưa kết nối', agencyCode: '999.99.99.Z99' },
      { kind: 'outside', name: 'Bưu điện tỉnh' },
    ];
    const e = refusal(() => plan(read(recipients)));
    expect(e.status).toBe(409);
    expect(e.detail).toContain('Cơ quan chưa kết nối (999.99.99.Z99)');
    expect(e.extra).toEqual({ unknownCodes: ['999.99.99.Z99'] });
    const p = plan(read(recipients), { paperForUnknown: true });
    expect(p.deliveries.map((d) => d.channel)).toEqual(['paper', 'paper']);
  });

  it('mails a document to an outside e-mail address, with a mail job per delivery', () => {
    const p = plan(
      read([
        { kind: 'outside', name: 'Công ty A', email: 'a@dn.test' },
        { kind: 'outside', name: 'Bưu điện tỉnh' },
      ]),
    );
    expect(p.deliveries.map((d) => [d.channel, d.recipientEmail])).toEqual([
      ['email', 'a@dn.test'],
      ['paper', null],
    ]);
    expect(p.mails).toEqual(['id-1']);
  });

  it('never sends a secret document over the network: refused, or on paper when the clerk chooses it', () => {
    const here = local(1);
    const recipients: Recipient[] = [
      { kind: 'agency', agencyId: here.id, name: here.name },
      { kind: 'outside', name: 'Công ty A', email: 'a@dn.test' },
    ];
    const secret = read(recipients, { locals: [here] }, { secrecy: 'confidential' });
    const e = refusal(() => plan(secret));
    expect(e.status).toBe(409);
    expect(e.detail).toMatch(/^Văn bản mật không được gửi qua mạng/);
    const p = plan(secret, { paperForSecret: true });
    expect(p.secret).toBe(true);
    expect(p.deliveries.map((d) => [d.channel, d.recipientAgencyId])).toEqual([
      ['paper', here.id],
      ['paper', null],
    ]);
    expect(p.copies).toEqual([]);
    expect(p.mails).toEqual([]);
    expect(p.notices).toEqual([]);
  });

  it('refuses an agency recipient that is not here any more (404)', () => {
    const e = refusal(() =>
      plan(read([{ kind: 'agency', agencyId: '01890a5d-ac96-774b-bcce-b302099a9999', name: 'Đã xóa' }])),
    );
    expect(e.status).toBe(404);
  });

  it('is pure: the same rows, options and clock give the same plan, and the rows are left as they were', () => {
    const here = local(1);
    const r = read([{ kind: 'agency', agencyId: here.id, name: here.name }], { locals: [here] });
    const before = structuredClone(r);
    expect(plan(r)).toEqual(plan(r));
    expect(r).toEqual(before);
  });
});

/**
 * Mẫu 01 of Circular 03/2025/TT-VPCP, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", for an online
 * submission: the receiving agency's heading, the dossier's code, the procedure, the papers received,
 * the promised return date and the QR code of the public tracking page for this dossier.
 */
import { asc, eq } from 'drizzle-orm';
import QRCode from 'qrcode';
import { formatViDate, vnDate } from '../../../../shared/calendar/index.ts';
import { FORMS, statusLabel } from '../../../../shared/services/statuses.ts';
import type { Db } from '../../../db/client.ts';
import { createPdfBuffer, drawHeading } from '../../../platform/pdf/index.ts';
import { findAgency } from '../../agencies/index.ts';
import { loadProcedure } from '../catalogue/store.ts';
import type { DossierRow } from '../core/transition.ts';
import { serviceDossierPapers, serviceProcedures } from '../schema.ts';

function vnTime(d: Date): string {
  const s = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${s.slice(11, 13)} giờ ${s.slice(14, 16)} phút, ngày ${formatViDate(vnDate(d))}`;
}

export async function receiptPdf(db: Db, d: DossierRow, origin: string): Promise<Buffer> {
  const [procedureRow] = await db
    .select({ procedureName: serviceProcedures.name })
    .from(serviceProcedures)
    .where(eq(serviceProcedures.id, d.procedureId));
  const names = {
    procedureName: procedureRow?.procedureName,
    agencyName: (await findAgency(db, d.agencyId))?.name,
  };
  const papers = await db
    .select({ fileName: serviceDossierPapers.fileName, paperKey: serviceDossierPapers.paperKey })
    .from(serviceDossierPapers)
    .where(eq(serviceDossierPapers.dossierId, d.id))
    .orderBy(asc(serviceDossierPapers.createdAt), asc(serviceDossierPapers.id));
  const procedure = await loadProcedure(db, { id: d.procedureId }, d.procedureVersion).catch(() => null);
  const paperName = new Map((procedure?.content.papers ?? []).map((p) => [p.key, p.name]));
  const url = `${origin}/cong-khai/tra-cuu?ma=${encodeURIComponent(d.code)}`;
  const qr = await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });

  const { doc, end } = createPdfBuffer({ title: `${FORMS['01']} — ${d.code}` });
  doc.addPage({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 57 } });
  const band = { left: 85, width: doc.page.width - 85 - 57 };
  let y = drawHeading(doc, band, 57, {
    agencyName: names?.agencyName ?? '',
  });
  y += 18;
  doc.font('serif-bold').fontSize(13).text(FORMS['01'].toLocaleUpperCase('vi'), band.left, y, {
    width: band.width,
    align: 'center',
  });
  doc.font('serif-bold').fontSize(12).text(`Mã hồ sơ: ${d.code}`, { width: band.width, align: 'center' });
  doc.moveDown(1);
  doc.font('serif').fontSize(12);
  const line = (label: string, value: string) => {
    doc.font('serif').text(`${label}: `, band.left, doc.y, { continued: true, width: band.width });
    doc.font('serif-bold').text(value);
  };
  line(`${names?.agencyName ?? 'Cơ quan'} tiếp nhận hồ sơ của`, d.applicantName);
  line('Nội dung yêu cầu giải quyết', names?.procedureName ?? '');
  line('Hình thức nộp', d.channel === 'online' ? 'Trực tuyến' : 'Trực tiếp');
  line('Thời điểm nộp', vnTime(d.submittedAt));
  line('Trạng thái', statusLabel(d.status));
  doc.moveDown(0.5);
  doc.font('serif').text('Thành phần hồ sơ đã nhận:', band.left);
  papers.forEach((p, i) => {
    doc.text(
      `${i + 1}. ${paperName.get(p.paperKey) ?? p.paperKey}: tệp ${p.fileName}`,
      band.left + 14,
      doc.y,
      { width: band.width - 14 },
    );
  });
  if (papers.length === 0) doc.text('(không có)', band.left + 14);
  doc.moveDown(0.5);
  line(
    'Thời gian giải quyết hồ sơ theo quy định, ngày hẹn trả kết quả',
    d.dueAt ? `ngày ${formatViDate(vnDate(d.dueAt))}` : 'theo thông báo của cơ quan',
  );
  line('Nhận kết quả tại', 'Cổng dịch vụ công hoặc bộ phận một cửa');
  doc.moveDown(1);
  const qrTop = doc.y;
  doc.image(qr, band.left, qrTop, { width: 110 });
  doc
    .font('serif-italic')
    .fontSize(11)
    .text(
      `Tra cứu tiến độ hồ sơ: quét mã QR hoặc truy cập ${url}, nhập mã hồ sơ và mã bí mật đã được cấp khi nộp.`,
      band.left + 125,
      qrTop + 10,
      { width: band.width - 125 },
    );
  return end();
}

/**
 * What a report looks like as an administrative document (Decree 30/2020 layout), whoever wrote it:
 * an agency's own submission or the province's consolidated report. The periodic reports build this
 * model; report-docx.ts turns it into DOCX (and PDF through LibreOffice).
 */
export interface ReportDocument {
  /** The issuing agency (printed upper-case, bold) and the body above it (printed upper-case). */
  issuer: { name: string; parentName: string | null };
  /** The type-and-issuer part of the number, e.g. "BC-STTTT"; the number itself is left for the clerk. */
  numberSuffix: string;
  /** The place in the date line ("Hà Giang, ngày … tháng … năm …"). */
  place: string;
  /** The date of the report, yyyy-mm-dd. */
  date: string;
  /** The abstract under "BÁO CÁO", e.g. "Tình hình ứng dụng công nghệ thông tin 6 tháng đầu năm 2026". */
  subject: string;
  sections: ReportDocumentSection[];
  /** Agencies that did not report (consolidated report only): printed, never silently dropped. */
  missing?: { agencyName: string; status: string }[];
  /** "Nơi nhận" lines. */
  recipients: string[];
  /** The signature block: the signer's position (e.g. "GIÁM ĐỐC") and name (may be blank). */
  signer: { position: string; name: string | null };
}

export type ReportDocumentSection =
  | { kind: 'text'; title: string; paragraphs: { heading?: string; text: string }[] }
  | {
      kind: 'table';
      title: string;
      rows: { label: string; unit?: string; value: string }[];
    };

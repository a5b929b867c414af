import type { CSSProperties } from 'react';
import { type DraftFields, templateDataOf } from '../../../shared/drafting/fields.ts';
import { KINH_GUI_TYPES } from '../../../shared/drafting/rules.ts';

const page: CSSProperties = {
  fontFamily: '"Times New Roman", "Liberation Serif", serif',
  fontSize: 15,
  lineHeight: 1.35,
  color: '#000',
  background: '#fff',
  border: '1px solid #d9d9d9',
  padding: '16px 12px 16px 24px',
  maxWidth: 720,
  overflowX: 'auto',
};
const row: CSSProperties = { display: 'flex', gap: 8, alignItems: 'flex-start' };
const centre: CSSProperties = { textAlign: 'center', margin: 0 };
const line = (w: number): CSSProperties => ({
  borderTop: '1px solid #000',
  width: w,
  margin: '2px auto 6px',
});

/** The draft laid out as Appendix I prints it (an approximation in HTML; the DOCX is the real thing). */
export function LayoutPreview({
  typeCode,
  fields,
  body,
  label,
}: {
  typeCode: string;
  fields: Partial<DraftFields>;
  body: string;
  label: string;
}) {
  const f: DraftFields = {
    parentName: fields.parentName ?? '',
    issuerName: fields.issuerName ?? '',
    notation: fields.notation ?? '',
    place: fields.place ?? '',
    year: Number(fields.year) || new Date().getFullYear(),
    number: null,
    date: null,
    summary: fields.summary ?? '',
    kinhGui: fields.kinhGui ?? [],
    noiNhan: fields.noiNhan ?? [],
    archive: fields.archive ?? '',
    competence: fields.competence ?? '',
    authority: fields.authority ?? '',
    position: fields.position ?? '',
    signerName: fields.signerName ?? '',
  };
  const d = templateDataOf(typeCode, f, body ?? '');
  const congVan = typeCode === 'cong_van';
  return (
    // A region that scrolls sideways on a phone: focusable so a keyboard can scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <section style={page} lang="vi" aria-label={label} tabIndex={0}>
      <div style={row}>
        <div style={{ flex: '0 0 40%' }}>
          <p style={centre}>{d.parentName}</p>
          <p style={{ ...centre, fontWeight: 700 }}>{d.issuerName}</p>
          <div style={line(60)} />
          <p style={{ ...centre, whiteSpace: 'pre' }}>
            Số: {d.number}/{d.notation}
          </p>
          {congVan ? <p style={{ ...centre, fontSize: 13 }}>V/v {d.summary}</p> : null}
        </div>
        <div style={{ flex: 1 }}>
          <p style={{ ...centre, fontWeight: 700, fontSize: 13 }}>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p style={{ ...centre, fontWeight: 700 }}>Độc lập - Tự do - Hạnh phúc</p>
          <div style={line(170)} />
          <p style={{ ...centre, fontStyle: 'italic', whiteSpace: 'pre-wrap' }}>
            {d.place}, ngày {d.day} tháng {d.month} năm {d.year}
          </p>
        </div>
      </div>
      {congVan ? null : (
        <div style={{ marginTop: 16 }}>
          <p style={{ ...centre, fontWeight: 700 }}>{d.typeTitle}</p>
          <p style={{ ...centre, fontWeight: 700 }}>{d.summary}</p>
          <div style={line(80)} />
        </div>
      )}
      {KINH_GUI_TYPES.has(typeCode) ? (
        <div style={{ margin: '12px 0 0 20%' }}>
          <p style={{ margin: 0 }}>Kính gửi:{d.kinhGuiInline}</p>
          {d.kinhGui.map((l) => (
            <p key={l.line} style={{ margin: '0 0 0 5em' }}>
              {l.line}
            </p>
          ))}
        </div>
      ) : null}
      {d.paragraphs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: paragraphs may repeat; their order is their identity
        <p key={i} style={{ textIndent: '2em', textAlign: 'justify', margin: '6px 0 0' }}>
          {p.text}
        </p>
      ))}
      <div style={{ ...row, marginTop: 16 }}>
        <div style={{ flex: '0 0 45%', fontSize: 12 }}>
          <p style={{ margin: 0, fontWeight: 700, fontStyle: 'italic', fontSize: 13 }}>Nơi nhận:</p>
          {d.noiNhan.map((l) => (
            <p key={l.line} style={{ margin: 0 }}>
              {l.line}
            </p>
          ))}
        </div>
        <div style={{ flex: 1 }}>
          <p style={{ ...centre, fontWeight: 700 }}>{d.competenceLine}</p>
          <p style={{ ...centre, fontWeight: 700 }}>{d.positionLine}</p>
          <div style={{ height: 56 }} />
          <p style={{ ...centre, fontWeight: 700 }}>{d.signerName}</p>
        </div>
      </div>
    </section>
  );
}

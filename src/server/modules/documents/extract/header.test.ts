import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDocumentProxy, extractText as unpdfText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseNumberNotation } from '../../../../shared/documents/decree30.ts';
import { type HeaderProposal, type KnownIssuer, PROPOSAL_FIELDS, proposeFromText } from './header.ts';
import {
  type Decree30Fields,
  makeDecree30Docx,
  makeDecree30Pdf,
  SAMPLE_CONG_VAN,
  SAMPLE_DECISION,
  SAMPLE_INVITATION,
} from './testing/make-docs.ts';
import { DOCX_TYPE, extractText } from './text.ts';

const SAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'samples');
const KNOWN: KnownIssuer[] = [
  { id: 'ubnd-tinh', name: 'Ủy ban nhân dân tỉnh Vĩnh Long', shortName: 'UBND' },
  { id: 'stttt', name: 'Sở Thông tin và Truyền thông tỉnh Vĩnh Long', shortName: 'STTTT' },
  { id: 'snv', name: 'Sở Nội vụ', shortName: 'SNV' },
  { id: 'vp-ubnd', name: 'Văn phòng UBND tỉnh Vĩnh Long', shortName: 'VP' },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lt-header-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Everything a clerk would otherwise type, as the generated documents carry it. */
function expected(f: Decree30Fields) {
  const n = f.number < 10 ? `0${f.number}` : String(f.number);
  return {
    number: n,
    notation: f.notation,
    numberNotation: `${n}/${f.notation}`,
    issuedDate: f.date,
    place: f.place,
    signer: f.signerName,
    signerTitle: f.signerTitle.split('\n').at(-1),
  };
}

function expectDecision(p: HeaderProposal) {
  expect(p).toMatchObject({
    ...expected(SAMPLE_DECISION),
    typeCode: 'quyet_dinh',
    typeName: 'Quyết định',
    issuerName: 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
    summary: SAMPLE_DECISION.summary,
    signerAuthority: 'KT. CHỦ TỊCH',
  });
  expect(p.issuerParentName).toBeUndefined();
  for (const f of ['numberNotation', 'issuedDate', 'typeCode', 'summary', 'signer', 'issuerName'] as const) {
    expect(p.confidence[f]).toBeGreaterThanOrEqual(0.7);
  }
}

function expectCongVan(p: HeaderProposal) {
  expect(p).toMatchObject({
    ...expected(SAMPLE_CONG_VAN),
    typeCode: 'cong_van',
    issuerName: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    issuerParentName: 'UBND TỈNH VĨNH LONG',
    summary: `V/v ${SAMPLE_CONG_VAN.summary}`,
    urgency: 'khan',
  });
  expect(p.signerAuthority).toBeUndefined();
  expect(p.secrecy).toBeUndefined();
}

describe('proposeFromText: the real sample directives', () => {
  it('reads the type and summary of a directive that begins with its title', async () => {
    const { text } = await extractText(path.join(SAMPLES, 'chi-thi-ung-dung-cntt.txt'), 'text/plain');
    const p = proposeFromText(text);
    expect(p.typeCode).toBe('chi_thi');
    expect(p.typeName).toBe('Chỉ thị');
    // The summary wraps over two lines in the file.
    expect(p.summary).toBe(
      'Về việc tăng cường ứng dụng công nghệ thông tin trong công tác quản lý hành chính Nhà nước phục vụ cải cách hành chính',
    );
    // The sample has no header or signer block: nothing is invented.
    for (const f of [
      'issuerName',
      'numberNotation',
      'issuedDate',
      'place',
      'signer',
      'signerTitle',
    ] as const) {
      expect(p[f]).toBeUndefined();
      expect(p.confidence[f]).toBe(0);
    }
  });

  it('reads a "V/V" summary in capitals and ignores the numbers the body cites', async () => {
    const { text } = await extractText(path.join(SAMPLES, 'chi-thi-van-hanh-de-an-112.txt'), 'text/plain');
    const p = proposeFromText(text);
    expect(p.typeCode).toBe('chi_thi');
    expect(p.summary).toBe('V/v VẬN HÀNH CÁC HỆ THỐNG THÔNG TIN THUỘC ĐỀ ÁN 112 TỈNH VĨNH LONG');
    // The body implements another directive; its number is not this document's.
    expect(text).toContain('Chỉ thị số: 10/2006/CT-TTg');
    expect(parseNumberNotation('10/2006/CT-TTg')).toEqual({ number: '10', year: '2006', notation: 'CT-TTg' });
    expect(p.numberNotation).toBeUndefined();
    expect(p.confidence.numberNotation).toBe(0);
    expect(p.issuedDate).toBeUndefined();
    expect(p.signer).toBeUndefined();
  });
});

let files = 0;

async function pdfText(f: Decree30Fields) {
  const pdf = await makeDecree30Pdf(f);
  const p = path.join(dir, `${f.notation}-${++files}.pdf`);
  await writeFile(p, pdf);
  const ours = (await extractText(p, 'application/pdf')).text;
  // pdf.js drawing order, as another extractor would give it.
  const raw = (await unpdfText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true })).text;
  return { ours, raw };
}

async function docxText(f: Decree30Fields) {
  const p = path.join(dir, `${f.notation}-${++files}.docx`);
  await writeFile(p, await makeDecree30Docx(f));
  return (await extractText(p, DOCX_TYPE)).text;
}

describe('proposeFromText: generated Decree 30 documents', () => {
  it('reads a decision from its PDF, in layout order and in drawing order', async () => {
    const { ours, raw } = await pdfText(SAMPLE_DECISION);
    expectDecision(proposeFromText(ours));
    expectDecision(proposeFromText(raw));
  });

  it('reads a decision from its DOCX', async () => {
    expectDecision(proposeFromText(await docxText(SAMPLE_DECISION)));
  });

  it('reads a công văn (summary under the number, parent agency, urgency stamp) from PDF and DOCX', async () => {
    const { ours, raw } = await pdfText(SAMPLE_CONG_VAN);
    expectCongVan(proposeFromText(ours));
    expectCongVan(proposeFromText(raw));
    expectCongVan(proposeFromText(await docxText(SAMPLE_CONG_VAN)));
  });

  it('matches known issuers', async () => {
    const qd = proposeFromText(await docxText(SAMPLE_DECISION), { knownIssuers: KNOWN });
    expect(qd.issuerId).toBe('ubnd-tinh');
    expect(qd.issuerName).toBe('Ủy ban nhân dân tỉnh Vĩnh Long');
    expect(qd.confidence.issuerId).toBeGreaterThanOrEqual(0.9);
    const cv = proposeFromText((await pdfText(SAMPLE_CONG_VAN)).ours, { knownIssuers: KNOWN });
    // The parent (UBND tỉnh) is not the issuer: the department under it is.
    expect(cv.issuerId).toBe('stttt');
    expect(cv.issuerName).toBe('Sở Thông tin và Truyền thông tỉnh Vĩnh Long');
  });

  it('reads a long issuer over two lines, a one-digit day and a January date', async () => {
    const f: Decree30Fields = {
      ...SAMPLE_DECISION,
      issuerParent: 'UBND TỈNH VĨNH LONG',
      issuer: 'SỞ TÀI NGUYÊN VÀ MÔI\nTRƯỜNG',
      notation: 'KH-STNMT',
      number: 7,
      date: '2021-01-04',
      typeName: 'Kế hoạch',
      summary: 'Triển khai công tác bảo vệ môi trường năm 2021',
      signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
      signerName: 'Lê Hoàng Phúc',
    };
    const p = proposeFromText(await docxText(f));
    expect(p).toMatchObject({
      ...expected(f),
      typeCode: 'ke_hoach',
      issuerName: 'SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG',
      issuerParentName: 'UBND TỈNH VĨNH LONG',
      summary: 'Triển khai công tác bảo vệ môi trường năm 2021',
      signerAuthority: 'KT. GIÁM ĐỐC',
    });
    expect(p.issuedDate).toBe('2021-01-04');
  });
});

describe('proposeFromText: column orders of extracted text', () => {
  const tail = '\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\nCăn cứ Luật Tổ chức chính quyền địa phương;';
  const variants: Record<string, string> = {
    'left column first': `ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 123/QĐ-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nVĩnh Long, ngày 05 tháng 3 năm 2020${tail}`,
    'right column first': `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nVĩnh Long, ngày 05 tháng 3 năm 2020\nỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 123/QĐ-UBND${tail}`,
    'interleaved, left first on each line': `ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH VĨNH LONG Độc lập - Tự do - Hạnh phúc\n_______ _____________\nSố: 123/QĐ-UBND Vĩnh Long, ngày 05 tháng 3 năm 2020${tail}`,
    'interleaved, right first on each line': `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ỦY BAN NHÂN DÂN\nĐộc lập - Tự do - Hạnh phúc TỈNH VĨNH LONG\nVĩnh Long, ngày 05 tháng 3 năm 2020 Số: 123/QĐ-UBND${tail}`,
    'wide spaces (pdftotext -layout)': `   ỦY BAN NHÂN DÂN             CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n    TỈNH VĨNH LONG                  Độc lập – Tự do – Hạnh phúc\n\n  Số:  123 /QĐ-UBND           Vĩnh Long, ngày 05 tháng 3 năm 2020${tail}`,
    'decomposed Unicode, CRLF':
      `ỦY BAN NHÂN DÂN\r\nTỈNH VĨNH LONG\r\nSố: 123/QĐ-UBND\r\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\nĐộc lập - Tự do - Hạnh phúc\r\nVĩnh Long, ngày 05 tháng 3 năm 2020${tail}`.normalize(
        'NFD',
      ),
    'date line wrapped before the year': `ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH VĨNH LONG\tĐộc lập - Tự do - Hạnh phúc\nSố: 123/QĐ-UBND\tVĩnh Long, ngày 05 tháng 3\nnăm 2020${tail}`,
  };
  for (const [name, text] of Object.entries(variants)) {
    it(name, () => {
      const p = proposeFromText(text);
      expect(p).toMatchObject({
        issuerName: 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
        number: '123',
        notation: 'QĐ-UBND',
        numberNotation: '123/QĐ-UBND',
        issuedDate: '2020-03-05',
        place: 'Vĩnh Long',
        typeCode: 'quyet_dinh',
        summary: 'Về việc thành lập Tổ công tác',
      });
      expect(p.issuerParentName).toBeUndefined();
    });
  }
});

describe('proposeFromText: other shapes', () => {
  it('reads a legal normative document as "văn bản khác" with its title', () => {
    const text = [
      'CHÍNH PHỦ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      '\tĐộc lập - Tự do - Hạnh phúc',
      'Số: 30/2020/NĐ-CP\tHà Nội, ngày 05 tháng 3 năm 2020',
      '',
      'NGHỊ ĐỊNH',
      'Về công tác văn thư',
      '',
      'Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;',
      'Chính phủ ban hành Nghị định về công tác văn thư.',
      '',
      'Nơi nhận:\tTM. CHÍNH PHỦ',
      '- Ban Bí thư Trung ương Đảng;\tTHỦ TƯỚNG',
      '- Lưu: VT, HC (2).',
      '',
      '\tNguyễn Xuân Phúc',
    ].join('\n');
    const p = proposeFromText(text);
    expect(p).toMatchObject({
      issuerName: 'CHÍNH PHỦ',
      number: '30',
      notation: 'NĐ-CP',
      numberNotation: '30/2020/NĐ-CP',
      issuedDate: '2020-03-05',
      place: 'Hà Nội',
      typeCode: 'van_ban_khac',
      typeName: 'Nghị định',
      summary: 'Về công tác văn thư',
      signer: 'Nguyễn Xuân Phúc',
      signerTitle: 'THỦ TƯỚNG',
      signerAuthority: 'TM. CHÍNH PHỦ',
    });
  });

  it('finds a signer block printed after the recipients, or merged with them on one line', () => {
    const base =
      'UBND TỈNH VĨNH LONG\nSỞ NỘI VỤ\nSố: 15/TB-SNV\nVĩnh Long, ngày 10 tháng 12 năm 2023\nTHÔNG BÁO\nKết luận của Giám đốc Sở tại cuộc họp giao ban\n\nNgày 08 tháng 12 năm 2023, Giám đốc Sở chủ trì cuộc họp.\n';
    const after = `${base}TL. GIÁM ĐỐC\nCHÁNH VĂN PHÒNG\n(Đã ký)\nVõ Thị Hồng\nNơi nhận:\n- Các phòng thuộc Sở;\n- Lưu: VT, VP.`;
    const merged = `${base}Nơi nhận: TL. GIÁM ĐỐC\n- Các phòng thuộc Sở; CHÁNH VĂN PHÒNG\n- Lưu: VT, VP.\nVõ Thị Hồng`;
    for (const text of [after, merged]) {
      const p = proposeFromText(text, { knownIssuers: KNOWN });
      expect(p).toMatchObject({
        issuerId: 'snv',
        issuerParentName: 'UBND TỈNH VĨNH LONG',
        typeCode: 'thong_bao',
        numberNotation: '15/TB-SNV',
        summary: 'Kết luận của Giám đốc Sở tại cuộc họp giao ban',
        signer: 'Võ Thị Hồng',
        signerTitle: 'CHÁNH VĂN PHÒNG',
        signerAuthority: 'TL. GIÁM ĐỐC',
      });
    }
  });

  it('reads secrecy stamps and a multi-line V/v summary', () => {
    const p = proposeFromText(
      'ỦY BAN NHÂN DÂN\nTỈNH VĨNH LONG\nSố: 2176/UBND-TTTH\nV/v tăng cường bảo đảm an toàn\nthông tin mạng\nMẬT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nVĩnh Long, ngày 20 tháng 11 năm 2022\nKính gửi: Các sở, ban, ngành tỉnh',
    );
    expect(p).toMatchObject({
      typeCode: 'cong_van',
      numberNotation: '2176/UBND-TTTH',
      summary: 'V/v tăng cường bảo đảm an toàn thông tin mạng',
      secrecy: 'mat',
      issuedDate: '2022-11-20',
      issuerName: 'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
    });
    expect(p.urgency).toBeUndefined();
  });

  it('separates a summary, a place and a date that share one line', () => {
    const p = proposeFromText(
      'UBND HUYỆN LONG HỒ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 88/UBND-NV Độc lập - Tự do - Hạnh phúc\nV/v rà soát biên chế năm 2025 Thị trấn Long Hồ, ngày 02 tháng 6 năm 2025\nKính gửi: Phòng Nội vụ',
    );
    expect(p).toMatchObject({
      issuerName: 'UBND HUYỆN LONG HỒ',
      numberNotation: '88/UBND-NV',
      summary: 'V/v rà soát biên chế năm 2025',
      place: 'Thị trấn Long Hồ',
      issuedDate: '2025-06-02',
      typeCode: 'cong_van',
    });
  });

  it('reads Đ written as the eth of old font conversions', () => {
    const p = proposeFromText(
      'UBND TỈNH VĨNH LONG\nSố: 12/Q\u00d0-UBND\nQUY\u1ebeT \u00d0\u1ecaNH\nV\u1ec1 vi\u1ec7c th\u1eed',
    );
    expect(p).toMatchObject({ notation: 'QĐ-UBND', typeCode: 'quyet_dinh' });
    expect(p.confidence.typeCode).toBeGreaterThan(0.9);
  });

  it('uses the notation when the issuer block is not readable', () => {
    const p = proposeFromText(
      'Số: 05/QĐ-SNV\nVĩnh Long, ngày 01 tháng 02 năm 2024\nQUYẾT ĐỊNH\nVề việc nâng bậc lương',
      {
        knownIssuers: KNOWN,
      },
    );
    expect(p).toMatchObject({ issuerId: 'snv', typeCode: 'quyet_dinh', issuedDate: '2024-02-01' });
    expect(p.confidence.issuerId).toBeLessThanOrEqual(0.5);
  });

  it('lowers its confidence when title and notation disagree', () => {
    const p = proposeFromText('UBND TỈNH\nSố: 05/CT-UBND\nQUYẾT ĐỊNH\nVề việc thử');
    expect(p.typeCode).toBe('quyet_dinh');
    expect(p.confidence.typeCode).toBeLessThan(0.6);
  });
});

describe('proposeFromText: robustness', () => {
  it('returns an empty proposal for empty or meaningless text', () => {
    for (const t of ['', '   \n\n', '\u0000\u0001', 'lorem ipsum dolor sit amet', '%%%%/////----']) {
      const p = proposeFromText(t);
      expect(Object.keys(p)).toEqual(['confidence']);
      expect(Object.keys(p.confidence).sort()).toEqual([...PROPOSAL_FIELDS].sort());
      expect(Object.values(p.confidence).every((c) => c === 0)).toBe(true);
    }
  });

  it('leaves out impossible dates and template blanks', () => {
    const p = proposeFromText(
      'ỦY BAN NHÂN DÂN TỈNH VĨNH LONG\nSố:     /QĐ-UBND\nVĩnh Long, ngày 31 tháng 02 năm 2020\nQUYẾT ĐỊNH\nVề việc thử',
    );
    expect(p.numberNotation).toBeUndefined();
    expect(p.issuedDate).toBeUndefined();
    expect(p.issuerName).toBe('ỦY BAN NHÂN DÂN TỈNH VĨNH LONG');
    expect(p.summary).toBe('Về việc thử');
  });

  it('does not take numbers or dates cited in the body of a công văn', () => {
    const p = proposeFromText(
      'SỞ NỘI VỤ\nKính gửi: Các phòng\nThực hiện Kế hoạch số 12/KH-UBND ngày 05 tháng 01 năm 2024, Sở đề nghị…',
    );
    expect(p.numberNotation).toBeUndefined();
    expect(p.issuedDate).toBeUndefined();
    expect(p.issuerName).toBe('SỞ NỘI VỤ');
  });

  it('stays fast on a very long text', async () => {
    const body = (await readFile(path.join(SAMPLES, 'chi-thi-ung-dung-cntt.txt'), 'utf8')).repeat(800);
    expect(body.length).toBeGreaterThan(5_000_000);
    const started = performance.now();
    const p = proposeFromText(body);
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(p.typeCode).toBe('chi_thi');
  });
});

describe('proposeFromText: generated invitations (giấy mời)', () => {
  interface Invitation {
    fields: Decree30Fields;
    /** As proposed with KNOWN: the known name when one matched. */
    issuerName: string;
    issuerParentName?: string;
    issuerId?: string;
  }
  const INVITATIONS: Record<string, Invitation> = {
    "a district People's Committee, a one-line summary": {
      fields: SAMPLE_INVITATION,
      issuerName: 'ỦY BAN NHÂN DÂN HUYỆN LONG HỒ',
    },
    'a department under the province, a summary broken over two lines': {
      fields: {
        issuerParent: 'UBND TỈNH VĨNH LONG',
        issuer: 'SỞ NỘI VỤ',
        number: 112,
        notation: 'GM-SNV',
        place: 'Vĩnh Long',
        date: '2025-03-04',
        typeName: 'Giấy mời',
        summary: 'Về việc tổ chức Hội nghị tập huấn nghiệp vụ\ncông tác văn thư, lưu trữ năm 2025',
        body: [
          'Sở Nội vụ trân trọng kính mời: Lãnh đạo Văn phòng các sở, ban, ngành tỉnh.',
          'Tới dự Hội nghị tập huấn nghiệp vụ công tác văn thư, lưu trữ năm 2025.',
          'Thời gian: 08 giờ 00 phút, ngày 11 tháng 3 năm 2025.',
          'Địa điểm: Hội trường Sở Nội vụ.',
        ].join('\n'),
        signerTitle: 'KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC',
        signerName: 'Huỳnh Văn Lợi',
      },
      issuerName: 'Sở Nội vụ',
      issuerParentName: 'UBND TỈNH VĨNH LONG',
      issuerId: 'snv',
    },
    'a commune People\'s Committee, "Kính gửi" under the summary': {
      fields: {
        issuer: 'ỦY BAN NHÂN DÂN\nXÃ TÂN HẠNH',
        number: 8,
        notation: 'GM-UBND',
        place: 'Tân Hạnh',
        date: '2025-06-20',
        typeName: 'Giấy mời',
        summary: 'Về việc họp lấy ý kiến Nhân dân về dự thảo quy hoạch chung xã',
        addressee: 'Trưởng các ấp trên địa bàn xã',
        body: [
          'Ủy ban nhân dân xã Tân Hạnh kính mời Trưởng ấp cùng đại diện các hộ gia đình tới dự cuộc họp.',
          'Thời gian: 14 giờ 00 phút, ngày 24 tháng 6 năm 2025.',
          'Địa điểm: Hội trường Ủy ban nhân dân xã.',
        ].join('\n'),
        signerTitle: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
        signerName: 'Lê Thị Thu Trang',
      },
      issuerName: 'ỦY BAN NHÂN DÂN XÃ TÂN HẠNH',
    },
    "the Office of the provincial People's Committee, a summary the layout wraps": {
      fields: {
        issuerParent: 'UBND TỈNH VĨNH LONG',
        issuer: 'VĂN PHÒNG',
        number: 27,
        notation: 'GM-VP',
        place: 'Vĩnh Long',
        date: '2025-09-08',
        typeName: 'Giấy mời',
        summary:
          'Về việc dự cuộc họp nghe báo cáo tiến độ triển khai Hệ thống quản lý văn bản và điều hành liên thông',
        body: [
          'Văn phòng Ủy ban nhân dân tỉnh trân trọng kính mời: Chánh Văn phòng các sở, ban, ngành tỉnh.',
          'Tới dự cuộc họp nghe báo cáo tiến độ triển khai Hệ thống quản lý văn bản và điều hành liên thông.',
          'Chủ trì: Đồng chí Phó Chủ tịch Ủy ban nhân dân tỉnh.',
          'Thời gian: 14 giờ 00 phút, ngày 10 tháng 9 năm 2025.',
          'Địa điểm: Phòng họp số 2, Ủy ban nhân dân tỉnh.',
        ].join('\n'),
        signerTitle: 'KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG',
        signerName: 'Trương Công Minh',
      },
      issuerName: 'Văn phòng UBND tỉnh Vĩnh Long',
      issuerParentName: 'UBND TỈNH VĨNH LONG',
      issuerId: 'vp-ubnd',
    },
  };

  function expectInvitation(p: HeaderProposal, c: Invitation, summary: string | undefined) {
    const f = c.fields;
    const authority = f.signerTitle.split('\n')[0]!;
    expect(p).toMatchObject({
      ...expected(f),
      typeCode: 'giay_moi',
      typeName: 'Giấy mời',
      issuerName: c.issuerName,
      ...(c.issuerParentName ? { issuerParentName: c.issuerParentName } : {}),
      ...(/^(?:TM|KT|TL)\./.test(authority) ? { signerAuthority: authority } : {}),
    });
    expect(p.issuerId).toBe(c.issuerId);
    expect(p.summary).toBe(summary);
    if (summary === undefined) expect(p.confidence.summary).toBe(0);
    else expect(p.confidence.summary).toBeGreaterThanOrEqual(0.7);
    // Title and "GM" in the notation agree.
    expect(p.confidence.typeCode).toBeGreaterThan(0.9);
  }

  /** Every reading of the document: PDF in layout and in drawing order, and DOCX. */
  async function readings(f: Decree30Fields) {
    const { ours, raw } = await pdfText(f);
    return { 'PDF, layout order': ours, 'PDF, drawing order': raw, DOCX: await docxText(f) };
  }

  for (const [name, c] of Object.entries(INVITATIONS)) {
    for (const tight of [true, false]) {
      const layout = tight ? 'the invitation on the next line' : 'a blank line before the invitation';
      it(`${name}; ${layout}`, async () => {
        const f = { ...c.fields, tight };
        for (const [how, text] of Object.entries(await readings(f))) {
          // A wrong summary would otherwise only show as a diff, without saying which reading failed.
          const summary = f.summary.replace(/\s*\n\s*/g, ' ');
          expect({ how, summary: proposeFromText(text).summary }).toEqual({ how, summary });
          expectInvitation(proposeFromText(text, { knownIssuers: KNOWN }), c, summary);
        }
      });
    }
  }

  it('ends the summary inside a line when the invitation (or "Kính gửi") runs onto its last line', async () => {
    for (const c of Object.values(INVITATIONS)) {
      const f = { ...c.fields, tight: true };
      for (const [how, text] of Object.entries(await readings(f))) {
        // An extractor that gives a block as one run: the summary's last line and what follows joined.
        const next = f.addressee ? /\n(?=Kính gửi:)/u : /\n(?=[^\n]*\bkính mời\b)/u;
        const joined = text.replace(next, ' ');
        expect(joined).not.toBe(text);
        const summary = f.summary.replace(/\s*\n\s*/g, ' ');
        expect({ how, summary: proposeFromText(joined).summary }).toEqual({ how, summary });
        expectInvitation(proposeFromText(joined, { knownIssuers: KNOWN }), c, summary);
      }
    }
  });

  it('keeps a long summary whole over the many lines a PDF wraps it into', async () => {
    const c: Invitation = {
      fields: {
        issuerParent: 'UBND TỈNH VĨNH LONG',
        issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
        number: 3,
        notation: 'GM-SKHCN',
        place: 'Vĩnh Long',
        date: '2026-01-06',
        typeName: 'Giấy mời',
        summary:
          'Về việc dự Hội nghị tổng kết 05 năm thực hiện Đề án chuyển đổi số tỉnh Vĩnh Long giai đoạn 2021 - 2025, định hướng đến năm 2030 và triển khai Kế hoạch ứng dụng công nghệ thông tin, phát triển chính quyền số, bảo đảm an toàn thông tin mạng trong hoạt động của các cơ quan nhà nước trên địa bàn tỉnh năm 2026',
        body: [
          'Sở Khoa học và Công nghệ trân trọng kính mời: Lãnh đạo các sở, ban, ngành tỉnh; Ủy ban nhân dân các xã, phường.',
          'Thời gian: 08 giờ 00 phút, ngày 14 tháng 01 năm 2026.',
          'Địa điểm: Hội trường Ủy ban nhân dân tỉnh.',
        ].join('\n'),
        signerTitle: 'GIÁM ĐỐC',
        signerName: 'Đặng Quốc Hùng',
        tight: true,
      },
      issuerName: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      issuerParentName: 'UBND TỈNH VĨNH LONG',
    };
    const texts = await readings(c.fields);
    // The layout really wraps it: more lines than a usual summary.
    const wrapped = texts['PDF, layout order'].split('\n');
    const first = wrapped.findIndex((l) => l.startsWith('Về việc dự Hội nghị'));
    const sentence = wrapped.findIndex((l) => l.startsWith('Sở Khoa học và Công nghệ trân trọng'));
    expect(sentence - first).toBeGreaterThanOrEqual(5);
    for (const [how, text] of Object.entries(texts)) {
      expect({ how, summary: proposeFromText(text).summary }).toEqual({ how, summary: c.fields.summary });
      expectInvitation(proposeFromText(text, { knownIssuers: KNOWN }), c, c.fields.summary);
    }
  });

  it('proposes no summary when the invitation has none, rather than the invitation sentence', async () => {
    const c = INVITATIONS["a district People's Committee, a one-line summary"]!;
    for (const tight of [true, false]) {
      const f = { ...c.fields, summary: '', tight };
      for (const [how, text] of Object.entries(await readings(f))) {
        expect(text).toContain('trân trọng kính mời');
        expect({ how, summary: proposeFromText(text).summary }).toEqual({ how, summary: undefined });
        expectInvitation(proposeFromText(text, { knownIssuers: KNOWN }), c, undefined);
      }
    }
  });
});

describe('proposeFromText: where the summary ends', () => {
  /** A Decree 30 document: header, `lines` from the title on, signer block. */
  function doc(...lines: string[]): string {
    return [
      'UBND TỈNH VĨNH LONG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'SỞ NỘI VỤ\tĐộc lập - Tự do - Hạnh phúc',
      'Số: 12/GM-SNV\tVĩnh Long, ngày 03 tháng 3 năm 2025',
      '',
      ...lines,
      '',
      'Nơi nhận:\tKT. GIÁM ĐỐC',
      '- Như trên;\tPHÓ GIÁM ĐỐC',
      '- Lưu: VT.',
      '',
      '\tHuỳnh Văn Lợi',
    ].join('\n');
  }
  const summaryOf = (...lines: string[]) => proposeFromText(doc(...lines)).summary;

  it('keeps a two-line summary and ends it at the invitation sentence', () => {
    expect(
      summaryOf(
        'GIẤY MỜI',
        'Về việc tổ chức hội nghị',
        'tổng kết công tác năm 2026',
        'Ủy ban nhân dân huyện Long Hồ trân trọng kính mời: Lãnh đạo các phòng, ban.',
      ),
    ).toBe('Về việc tổ chức hội nghị tổng kết công tác năm 2026');
  });

  it('finds the subject of the sentence: an agency, a person, an office of a body', () => {
    const summary = 'Về việc dự Hội nghị tổng kết công tác văn thư, lưu trữ năm 2025';
    for (const subject of [
      'Ủy ban nhân dân huyện Long Hồ',
      'UBND xã Tân Hạnh',
      'Sở Nội vụ',
      'Chủ tịch Ủy ban nhân dân huyện Long Hồ',
      'Văn phòng Ủy ban nhân dân tỉnh',
      'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
      'Ban Thường vụ Huyện ủy',
      'Phòng Giáo dục và Đào tạo huyện',
    ]) {
      const sentence = `${subject} trân trọng kính mời: Lãnh đạo các cơ quan, đơn vị.`;
      // On the next line, and run onto the summary's line.
      expect({ subject, summary: summaryOf('GIẤY MỜI', summary, sentence) }).toEqual({ subject, summary });
      expect({ subject, summary: summaryOf('GIẤY MỜI', `${summary} ${sentence}`) }).toEqual({
        subject,
        summary,
      });
    }
  });

  it('keeps an agency the summary names before the subject of the sentence', () => {
    expect(
      summaryOf(
        'GIẤY MỜI',
        'Về việc dự Hội nghị triển khai Kế hoạch của Sở Nội vụ Ủy ban nhân dân huyện Long Hồ trân trọng kính mời: Lãnh đạo các phòng.',
      ),
    ).toBe('Về việc dự Hội nghị triển khai Kế hoạch của Sở Nội vụ');
    // A summary ending in an agency, then "Trân trọng kính mời" with no subject.
    expect(
      summaryOf(
        'GIẤY MỜI',
        'Về việc dự Lễ kỷ niệm 80 năm Ngày thành lập',
        'ngành Nội vụ của Ủy ban nhân dân tỉnh',
        'Trân trọng kính mời: Ông (bà) Trưởng phòng Nội vụ các huyện.',
      ),
    ).toBe('Về việc dự Lễ kỷ niệm 80 năm Ngày thành lập ngành Nội vụ của Ủy ban nhân dân tỉnh');
  });

  it('ends the summary where a long subject wraps before or inside the verb', () => {
    for (const sentence of [
      [
        'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Vĩnh Long',
        'trân trọng kính mời: Lãnh đạo các sở.',
      ],
      [
        'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh Vĩnh Long trân',
        'trọng kính mời: Lãnh đạo các sở.',
      ],
    ]) {
      expect(summaryOf('GIẤY MỜI', 'Về việc dự phiên họp thường kỳ tháng 3 năm 2025', ...sentence)).toBe(
        'Về việc dự phiên họp thường kỳ tháng 3 năm 2025',
      );
    }
  });

  it('proposes no summary when the title is followed by the body', () => {
    for (const first of [
      ['Ủy ban nhân dân huyện Long Hồ trân trọng kính mời: Lãnh đạo các phòng, ban.'],
      ['Trân trọng kính mời: Ông (bà) Trưởng phòng Nội vụ các huyện.'],
      ['Kính gửi: Các sở, ban, ngành tỉnh', 'Sở Nội vụ trân trọng kính mời đại diện lãnh đạo tới dự.'],
      ['Tới dự Hội nghị tổng kết công tác năm 2025.', 'Thời gian: 08 giờ 00 phút, ngày 10 tháng 3 năm 2025.'],
      ['Thời gian: 08 giờ 00 phút, ngày 10 tháng 3 năm 2025.'],
      ['Nhân dịp kỷ niệm Ngày Quốc tế Phụ nữ 8/3, Sở Nội vụ trân trọng kính mời: Lãnh đạo các phòng.'],
    ]) {
      const p = proposeFromText(doc('GIẤY MỜI', ...first));
      expect({ first, summary: p.summary }).toEqual({ first, summary: undefined });
      expect(p.confidence.summary).toBe(0);
      expect(p).toMatchObject({ typeCode: 'giay_moi', numberNotation: '12/GM-SNV', signer: 'Huỳnh Văn Lợi' });
    }
    // A letter of introduction (template 1.8): the same sentence with "trân trọng giới thiệu".
    const p = proposeFromText(
      doc('GIẤY GIỚI THIỆU', 'Sở Nội vụ trân trọng giới thiệu:', 'Ông (bà): Nguyễn Văn Bình'),
    );
    expect(p.typeCode).toBe('giay_gioi_thieu');
    expect(p.summary).toBeUndefined();
  });

  it('keeps "kính mời" that belongs to the summary itself', () => {
    const p = proposeFromText(
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 215/SGDĐT-VP\nV/v kính mời dự Lễ khai giảng\nnăm học 2025 - 2026\nVĩnh Long, ngày 25 tháng 8 năm 2025\nKính gửi: Ủy ban nhân dân tỉnh',
    );
    expect(p).toMatchObject({
      typeCode: 'cong_van',
      summary: 'V/v kính mời dự Lễ khai giảng năm học 2025 - 2026',
    });
    expect(summaryOf('GIẤY MỜI', 'Về việc trân trọng kính mời dự Lễ khai giảng năm học 2025 - 2026')).toBe(
      'Về việc trân trọng kính mời dự Lễ khai giảng năm học 2025 - 2026',
    );
  });

  it('ends the summary of other types at the opening of their body, with no blank line', () => {
    const cases: [string[], string][] = [
      [
        [
          'QUYẾT ĐỊNH',
          'Về việc thành lập Tổ công tác',
          'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
          'Căn cứ Luật Tổ chức chính quyền địa phương;',
        ],
        'Về việc thành lập Tổ công tác',
      ],
      [
        [
          'QUYẾT ĐỊNH',
          'VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC',
          'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG',
          'Căn cứ Luật Tổ chức chính quyền địa phương;',
        ],
        'VỀ VIỆC THÀNH LẬP TỔ CÔNG TÁC',
      ],
      [
        [
          'NGHỊ QUYẾT',
          'VỀ VIỆC THÔNG QUA KẾ HOẠCH ĐẦU TƯ CÔNG',
          'NĂM 2026',
          'QUYẾT NGHỊ:',
          'Điều 1. Thông qua Kế hoạch.',
        ],
        'VỀ VIỆC THÔNG QUA KẾ HOẠCH ĐẦU TƯ CÔNG NĂM 2026',
      ],
      [
        [
          'KẾ HOẠCH',
          'Triển khai công tác văn thư, lưu trữ năm 2026',
          'Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh;',
        ],
        'Triển khai công tác văn thư, lưu trữ năm 2026',
      ],
      [
        ['KẾ HOẠCH', 'Triển khai công tác văn thư, lưu trữ năm 2026', 'I. MỤC ĐÍCH, YÊU CẦU'],
        'Triển khai công tác văn thư, lưu trữ năm 2026',
      ],
      [
        ['BÁO CÁO', 'KẾT QUẢ CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2025', 'I. KẾT QUẢ ĐẠT ĐƯỢC'],
        'KẾT QUẢ CÔNG TÁC VĂN THƯ, LƯU TRỮ NĂM 2025',
      ],
      [
        [
          'THÔNG BÁO',
          'Kết luận của Giám đốc Sở tại cuộc họp giao ban',
          'Ngày 08 tháng 12 năm 2025, Giám đốc Sở chủ trì cuộc họp.',
        ],
        'Kết luận của Giám đốc Sở tại cuộc họp giao ban',
      ],
      [
        [
          'TỜ TRÌNH',
          'Về việc đề nghị phê duyệt',
          'Sở Tài chính thẩm định dự toán năm 2026',
          'Kính gửi: Ủy ban nhân dân tỉnh.',
        ],
        'Về việc đề nghị phê duyệt Sở Tài chính thẩm định dự toán năm 2026',
      ],
      [
        [
          'TỜ TRÌNH',
          'Về việc bổ sung kinh phí năm 2026',
          'Sở Nội vụ kính trình Ủy ban nhân dân tỉnh xem xét, bổ sung kinh phí.',
        ],
        'Về việc bổ sung kinh phí năm 2026',
      ],
      [
        [
          'KẾ HOẠCH',
          'Tổ chức Hội thi cải cách hành chính năm 2026',
          'Để nâng cao nhận thức về cải cách hành chính, Sở Nội vụ ban hành Kế hoạch.',
        ],
        'Tổ chức Hội thi cải cách hành chính năm 2026',
      ],
    ];
    for (const [lines, summary] of cases) {
      expect({ lines, summary: summaryOf(...lines) }).toEqual({ lines, summary });
    }
  });

  it('keeps a "V/V" summary in capitals that goes on with the name of an agency', () => {
    const p = proposeFromText(
      'SỞ TÀI CHÍNH\nSố: 301/STC-QLNS\nV/V ĐỀ NGHỊ\nỦY BAN NHÂN DÂN TỈNH PHÊ DUYỆT DỰ TOÁN\nVĩnh Long, ngày 02 tháng 6 năm 2025\nKính gửi: Ủy ban nhân dân tỉnh',
    );
    expect(p.summary).toBe('V/v ĐỀ NGHỊ ỦY BAN NHÂN DÂN TỈNH PHÊ DUYỆT DỰ TOÁN');
  });

  it('ends a công văn summary at "Kính gửi" run onto its line', () => {
    const p = proposeFromText(
      'SỞ NỘI VỤ\nSố: 88/SNV-VP\nV/v rà soát biên chế năm 2025 Kính gửi: Phòng Nội vụ các huyện\nVĩnh Long, ngày 02 tháng 6 năm 2025',
    );
    expect(p.summary).toBe('V/v rà soát biên chế năm 2025');
  });
});

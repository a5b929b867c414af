import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { type ProcedureContent, procedureContentSchema } from '../../../../shared/services/procedure.ts';
import { AppError } from '../../../platform/http/errors.ts';

/*
 * Reading a catalogue file: a JSON array of procedures (the open data's `content`), or a workbook with
 * one sheet per part (the template below). Every problem is named by sheet and row (or the JSON
 * element) in Vietnamese; nothing is written while any remains (service.ts).
 */

export interface ReadProcedure {
  content: ProcedureContent;
  where: string;
}
export interface ReadResult {
  procedures: ReadProcedure[];
  problems: { where: string; message: string }[];
}

export const SHEETS = {
  procedures: 'Thủ tục',
  steps: 'Trình tự',
  papers: 'Thành phần hồ sơ',
  fees: 'Phí, lệ phí',
} as const;

const COLUMNS = {
  procedures: [
    'Mã thủ tục',
    'Tên thủ tục',
    'Lĩnh vực',
    'Cấp thực hiện',
    'Mức độ trực tuyến',
    'Mã cơ quan thực hiện',
    'Thời hạn giải quyết (ngày làm việc)',
    'Đối tượng thực hiện',
    'Kết quả thực hiện',
    'Cách thức thực hiện',
    'Yêu cầu, điều kiện',
    'Căn cứ pháp lý',
    'Biểu mẫu (JSON)',
  ],
  steps: ['Mã thủ tục', 'Tên bước', 'Loại bước', 'Số ngày làm việc', 'Người thực hiện'],
  papers: ['Mã thủ tục', 'Mã giấy tờ', 'Tên giấy tờ', 'Bản chính', 'Bản sao', 'Bắt buộc'],
  fees: ['Mã thủ tục', 'Tên phí, lệ phí', 'Số tiền (đồng)', 'Ghi chú'],
} as const;

const LEVELS: Record<string, string> = {
  'cấp tỉnh': 'province',
  'cấp huyện': 'district',
  'cấp xã': 'commune',
};
const ONLINE: Record<string, string> = { 'toàn trình': 'full', 'một phần': 'partial', không: 'none' };
const STEP_KINDS: Record<string, string> = {
  'tiếp nhận': 'desk',
  'xử lý': 'handle',
  'phê duyệt': 'approve',
  'trả kết quả': 'return',
};

const norm = (s: string) => s.trim().toLocaleLowerCase('vi');
const pick = (map: Record<string, string>, v: string) => map[norm(v)] ?? v.trim();
const list = (v: string) =>
  v
    .split(/[;,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);
const yes = (v: string) => !['không', 'khong', 'no', 'false', '0'].includes(norm(v));

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v).trim();
}

type Row = { line: number; cells: Record<string, string> };

function rowsOf(book: ExcelJS.Workbook, name: string): Row[] | null {
  const ws = book.getWorksheet(name);
  if (!ws) return null;
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = cellText(cell.value);
  });
  const out: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (h) cells[h] = cellText(row.getCell(i + 1).value);
    });
    if (Object.values(cells).some((v) => v !== '')) out.push({ line, cells });
  });
  return out;
}

/** zod's issues of a procedure as Vietnamese lines ("steps.0.budgetDays: …"). */
function issues(where: string, e: z.ZodError): { where: string; message: string }[] {
  return e.issues.map((i) => ({ where, message: `${i.path.join('.') || 'thủ tục'}: ${i.message}` }));
}

async function readWorkbook(data: Buffer): Promise<ReadResult> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(
      'unsupported_media_type',
      'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.',
    );
  }
  const main = rowsOf(book, SHEETS.procedures);
  if (!main)
    throw new AppError('bad_request', `Tệp Excel thiếu trang tính "${SHEETS.procedures}". Hãy dùng tệp mẫu.`);
  const problems: ReadResult['problems'] = [];
  const byCode = <T>(sheet: string, rows: Row[] | null, map: (r: Row) => T) => {
    const out = new Map<string, T[]>();
    for (const r of rows ?? []) {
      const code = r.cells['Mã thủ tục'] ?? '';
      if (!code) {
        problems.push({ where: `${sheet}, dòng ${r.line}`, message: 'Thiếu "Mã thủ tục".' });
        continue;
      }
      out.set(code, [...(out.get(code) ?? []), map(r)]);
    }
    return out;
  };
  const steps = byCode(SHEETS.steps, rowsOf(book, SHEETS.steps), (r) => ({
    name: r.cells['Tên bước'] ?? '',
    kind: pick(STEP_KINDS, r.cells['Loại bước'] || 'xử lý'),
    budgetDays: Number((r.cells['Số ngày làm việc'] ?? '').replace(',', '.')),
    performer: r.cells['Người thực hiện'] || undefined,
  }));
  const papers = byCode(SHEETS.papers, rowsOf(book, SHEETS.papers), (r) => ({
    key: r.cells['Mã giấy tờ'] ?? '',
    name: r.cells['Tên giấy tờ'] ?? '',
    originals: Number(r.cells['Bản chính'] || 0),
    copies: Number(r.cells['Bản sao'] || 0),
    required: yes(r.cells['Bắt buộc'] || 'có'),
  }));
  const fees = byCode(SHEETS.fees, rowsOf(book, SHEETS.fees), (r) => ({
    name: r.cells['Tên phí, lệ phí'] ?? '',
    amount: Number((r.cells['Số tiền (đồng)'] ?? '').replace(/[.\s]/g, '')),
    note: r.cells['Ghi chú'] || undefined,
  }));
  const procedures: ReadProcedure[] = [];
  for (const r of main) {
    const where = `${SHEETS.procedures}, dòng ${r.line}`;
    const c = r.cells;
    const code = c['Mã thủ tục'] ?? '';
    let form: unknown = { fields: [] };
    if (c['Biểu mẫu (JSON)']) {
      try {
        form = JSON.parse(c['Biểu mẫu (JSON)']);
      } catch {
        problems.push({ where, message: 'Cột "Biểu mẫu (JSON)" không phải JSON hợp lệ.' });
        continue;
      }
    }
    const parsed = procedureContentSchema.safeParse({
      code,
      name: c['Tên thủ tục'],
      field: c['Lĩnh vực'],
      level: pick(LEVELS, c['Cấp thực hiện'] ?? ''),
      onlineLevel: pick(ONLINE, c['Mức độ trực tuyến'] || 'không'),
      agencyCodes: list(c['Mã cơ quan thực hiện'] ?? ''),
      processingDays: Number(c['Thời hạn giải quyết (ngày làm việc)'] ?? Number.NaN),
      applicants: c['Đối tượng thực hiện'] || undefined,
      result: c['Kết quả thực hiện'],
      ways: c['Cách thức thực hiện'] || undefined,
      conditions: c['Yêu cầu, điều kiện'] || undefined,
      legalBases: (c['Căn cứ pháp lý'] ?? '')
        .split(/[;\n]/)
        .map((x) => x.trim())
        .filter(Boolean)
        .map((citation) => ({ citation })),
      steps: steps.get(code) ?? [],
      papers: papers.get(code) ?? [],
      fees: fees.get(code) ?? [],
      form,
    });
    if (!parsed.success) problems.push(...issues(`${where} (mã ${code || '?'})`, parsed.error));
    else procedures.push({ content: parsed.data, where });
  }
  return { procedures, problems };
}

function readJson(data: Buffer): ReadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new AppError('bad_request', `Tệp JSON không hợp lệ: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed))
    throw new AppError('bad_request', 'Tệp JSON phải là một danh sách thủ tục ([ … ]).');
  const out: ReadResult = { procedures: [], problems: [] };
  parsed.forEach((item, i) => {
    const where = `Phần tử thứ ${i + 1}`;
    const r = procedureContentSchema.safeParse(item);
    if (r.success) out.procedures.push({ content: r.data, where });
    else out.problems.push(...issues(where, r.error));
  });
  return out;
}

export const MAX_PROCEDURES = 2000;

/** Reads a JSON or xlsx catalogue by its bytes (never by its name alone). */
export async function readCatalogueFile(data: Buffer, fileName: string): Promise<ReadResult> {
  const zip = data.length >= 4 && data.readUInt32LE(0) === 0x04034b50;
  if (zip && (/\.xlsm$/i.test(fileName) || data.includes('vbaProject')))
    throw new AppError(
      'unsupported_media_type',
      'Tệp có macro (.xlsm) không được nhận; hãy lưu thành .xlsx.',
    );
  const head = data
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const r = zip ? await readWorkbook(data) : head.startsWith('[') ? readJson(data) : null;
  if (!r) throw new AppError('unsupported_media_type', 'Chỉ nhận tệp Excel (.xlsx) theo mẫu hoặc JSON.');
  if (r.procedures.length + r.problems.length === 0)
    throw new AppError('bad_request', 'Tệp không có thủ tục nào.');
  if (r.procedures.length > MAX_PROCEDURES)
    throw new AppError(
      'payload_too_large',
      `Mỗi lần nhập tối đa ${MAX_PROCEDURES} thủ tục; hãy chia nhỏ tệp.`,
    );
  const seen = new Map<string, string>();
  for (const p of r.procedures) {
    const first = seen.get(p.content.code);
    if (first)
      r.problems.push({ where: p.where, message: `Mã thủ tục ${p.content.code} trùng với ${first}.` });
    else seen.set(p.content.code, p.where);
  }
  return r;
}

/** The blank workbook with the headers, one example procedure and what each column takes. */
export async function templateWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Liên Thông';
  const sheet = (name: string, headers: readonly string[], rows: (string | number)[][]) => {
    const ws = book.addWorksheet(name);
    ws.addRow([...headers]).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns = headers.map((h) => ({ width: Math.max(14, h.length + 4) }));
  };
  sheet(SHEETS.procedures, COLUMNS.procedures, [
    [
      '2.000720.000.00.00.H62',
      'Đăng ký thành lập hộ kinh doanh',
      'Thành lập và hoạt động của hộ kinh doanh',
      'Cấp huyện',
      'Toàn trình',
      '000.00.35.H62; 000.00.36.H62',
      3,
      'Cá nhân, thành viên hộ gia đình',
      'Giấy chứng nhận đăng ký hộ kinh doanh',
      'Nộp trực tuyến, trực tiếp hoặc qua bưu chính công ích',
      '',
      'Nghị định 01/2021/NĐ-CP',
      '{"fields":[{"key":"businessName","label":"Tên hộ kinh doanh","type":"text","required":true}]}',
    ],
  ]);
  sheet(SHEETS.steps, COLUMNS.steps, [
    ['2.000720.000.00.00.H62', 'Tiếp nhận hồ sơ', 'Tiếp nhận', 0.5, ''],
    ['2.000720.000.00.00.H62', 'Xem xét, cấp giấy chứng nhận', 'Xử lý', 1.5, 'Phòng Tài chính - Kế hoạch'],
    ['2.000720.000.00.00.H62', 'Lãnh đạo ký duyệt', 'Phê duyệt', 0.5, ''],
    ['2.000720.000.00.00.H62', 'Trả kết quả', 'Trả kết quả', 0.5, ''],
  ]);
  sheet(SHEETS.papers, COLUMNS.papers, [
    ['2.000720.000.00.00.H62', 'giay-de-nghi', 'Giấy đề nghị đăng ký hộ kinh doanh', 1, 0, 'Có'],
  ]);
  sheet(SHEETS.fees, COLUMNS.fees, [
    ['2.000720.000.00.00.H62', 'Lệ phí đăng ký hộ kinh doanh', 100000, 'Miễn khi nộp trực tuyến'],
  ]);
  const help = book.addWorksheet('Hướng dẫn');
  for (const line of [
    'Mỗi thủ tục một dòng ở trang "Thủ tục"; các bước, thành phần hồ sơ, phí ghi ở các trang cùng tên, nối bằng "Mã thủ tục".',
    'Cấp thực hiện: Cấp tỉnh, Cấp huyện, Cấp xã. Mức độ trực tuyến: Toàn trình, Một phần, Không.',
    'Loại bước: Tiếp nhận, Xử lý, Phê duyệt, Trả kết quả. Số ngày làm việc có thể lẻ (0,5).',
    'Mã cơ quan thực hiện: mã định danh của cơ quan, cách nhau bằng dấu chấm phẩy.',
    'Mã giấy tờ: chữ thường không dấu, số, "-" (ví dụ giay-de-nghi). Bắt buộc: Có hoặc Không.',
    'Biểu mẫu (JSON): các trường của tờ khai; để trống nếu thủ tục không có tờ khai trực tuyến.',
    'Nhập lại một thủ tục đã có: nếu nội dung khác, hệ thống lưu thành phiên bản mới; nếu giống, giữ nguyên.',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 120;
  return Buffer.from(await book.xlsx.writeBuffer());
}

import ExcelJS from 'exceljs';
import { AppError } from '../../platform/http/errors.ts';

/**
 * The first worksheet of an uploaded workbook, refused before anything is read when the file is too
 * large, holds macros (.xlsm, vbaProject), is not a zip (xlsx) or does not load. Shared by the
 * catalogue import and the entry upload, which then check their own headers and cells.
 */
export async function openUploadedSheet(
  data: Buffer,
  fileName: string,
  maxBytes: number,
): Promise<ExcelJS.Worksheet> {
  if (data.length > maxBytes)
    throw new AppError('payload_too_large', `Tệp quá lớn (tối đa ${Math.floor(maxBytes / 1024)} KB).`);
  if (/\.xlsm$/i.test(fileName) || data.includes('vbaProject'))
    throw new AppError(
      'unsupported_media_type',
      'Tệp có macro (.xlsm, vbaProject) không được nhận; hãy lưu thành .xlsx.',
    );
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('unsupported_media_type', 'Tệp không phải bảng tính Excel (.xlsx).');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError(
      'unsupported_media_type',
      'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc sai định dạng.',
    );
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('bad_request', 'Tệp Excel không có trang tính nào.');
  return ws;
}

import { LEGAL_FIELDS, LEGAL_TYPES } from '../../../../shared/legal/catalogue.ts';
import { EFFECT_STATUSES, type EffectStatus } from '../../../../shared/legal/statuses.ts';

/*
 * The search page's address (/cong-khai/van-ban?q=&loai=&co-quan=&linh-vuc=&nam=&tinh-trang=&sau=),
 * read leniently as a visitor types it and checked strictly: an unknown value is a Vietnamese message
 * on the page (400), never a 500 and never a silently ignored filter.
 */

export interface PublicSearchForm {
  q: string;
  /** A LEGAL_TYPES code. */
  loai: string;
  /** An issuer's code. */
  coQuan: string;
  linhVuc: string;
  nam: string;
  tinhTrang: string;
  sau: string;
}

export interface PublicSearchFilters {
  q?: string;
  typeCode?: string;
  issuerCode?: string;
  fieldCode?: number;
  year?: number;
  status?: EffectStatus;
  cursor?: string;
}

export const EMPTY_FORM: PublicSearchForm = {
  q: '',
  loai: '',
  coQuan: '',
  linhVuc: '',
  nam: '',
  tinhTrang: '',
  sau: '',
};

const one = (v: unknown): string => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
};

export function readForm(query: Record<string, unknown>): PublicSearchForm {
  return {
    q: one(query.q).slice(0, 500),
    loai: one(query.loai),
    coQuan: one(query['co-quan']),
    linhVuc: one(query['linh-vuc']),
    nam: one(query.nam),
    tinhTrang: one(query['tinh-trang']),
    sau: one(query.sau),
  };
}

/** The filters of a form, or the Vietnamese messages of what is wrong in it. */
export function checkForm(
  f: PublicSearchForm,
  issuerCodes: ReadonlySet<string>,
  thisYear: number,
): { filters: PublicSearchFilters; errors: string[] } {
  const errors: string[] = [];
  const filters: PublicSearchFilters = {};
  if (f.q.length > 200) errors.push('Từ khóa tìm kiếm dài quá 200 ký tự; hãy gõ ngắn hơn.');
  else if (f.q) filters.q = f.q;
  if (f.loai) {
    if (LEGAL_TYPES.some((t) => t.code === f.loai)) filters.typeCode = f.loai;
    else errors.push(`Loại văn bản "${f.loai.slice(0, 40)}" không có trong danh mục.`);
  }
  if (f.coQuan) {
    if (issuerCodes.has(f.coQuan)) filters.issuerCode = f.coQuan;
    else errors.push(`Cơ quan ban hành "${f.coQuan.slice(0, 40)}" không có trong danh mục.`);
  }
  if (f.linhVuc) {
    const n = /^\d{1,2}$/.test(f.linhVuc) ? Number(f.linhVuc) : Number.NaN;
    if (LEGAL_FIELDS.some((x) => x.code === n)) filters.fieldCode = n;
    else errors.push('Lĩnh vực không hợp lệ: hãy chọn một lĩnh vực trong danh sách.');
  }
  if (f.nam) {
    const y = /^\d{4}$/.test(f.nam) ? Number(f.nam) : Number.NaN;
    if (y >= 1945 && y <= thisYear + 1) filters.year = y;
    else errors.push(`Năm ban hành phải là một năm có 4 chữ số, từ 1945 đến ${thisYear + 1}.`);
  }
  if (f.tinhTrang) {
    const s = EFFECT_STATUSES.find((x) => x.code === f.tinhTrang);
    if (s) filters.status = s.code;
    else errors.push('Tình trạng hiệu lực không hợp lệ: hãy chọn một tình trạng trong danh sách.');
  }
  if (f.sau) {
    if (/^[A-Za-z0-9_-]{1,500}$/.test(f.sau)) filters.cursor = f.sau;
    else errors.push('Địa chỉ trang sau không hợp lệ; hãy tìm lại từ đầu.');
  }
  return { filters, errors };
}

/** The page's address for a form (empty fields left out), optionally with the next page's cursor. */
export function formUrl(base: string, f: PublicSearchForm, sau?: string): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.loai) p.set('loai', f.loai);
  if (f.coQuan) p.set('co-quan', f.coQuan);
  if (f.linhVuc) p.set('linh-vuc', f.linhVuc);
  if (f.nam) p.set('nam', f.nam);
  if (f.tinhTrang) p.set('tinh-trang', f.tinhTrang);
  if (sau) p.set('sau', sau);
  const s = p.toString();
  return s ? `${base}?${s}` : base;
}

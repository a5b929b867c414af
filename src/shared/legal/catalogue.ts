/**
 * Types of legal documents (loại văn bản) and their level, as the national database lists them;
 * the province's own are HĐND resolutions, UBND decisions and, since 01/7/2025, decisions of the
 * Chairman of the UBND (Law 87/2025 amending Art. 4; ../shared/domain/legal-docs.md §2).
 * `abbr` is the part of the notation after the year ("14/2019/QĐ-UBND").
 */
export const LEGAL_TYPES = [
  { code: 'hien_phap', name: 'Hiến pháp', level: 'central' },
  { code: 'bo_luat', name: 'Bộ luật', level: 'central' },
  { code: 'luat', name: 'Luật', level: 'central' },
  { code: 'nghi_quyet_qh', name: 'Nghị quyết của Quốc hội', level: 'central' },
  { code: 'phap_lenh', name: 'Pháp lệnh', level: 'central' },
  { code: 'nghi_quyet_ubtvqh', name: 'Nghị quyết của Ủy ban Thường vụ Quốc hội', level: 'central' },
  { code: 'lenh', name: 'Lệnh', level: 'central' },
  { code: 'nghi_dinh', name: 'Nghị định', level: 'central' },
  { code: 'nghi_quyet_cp', name: 'Nghị quyết của Chính phủ', level: 'central' },
  { code: 'quyet_dinh_ttg', name: 'Quyết định của Thủ tướng Chính phủ', level: 'central' },
  { code: 'thong_tu', name: 'Thông tư', level: 'central' },
  { code: 'thong_tu_lien_tich', name: 'Thông tư liên tịch', level: 'central' },
  { code: 'nghi_quyet_hdnd', name: 'Nghị quyết của Hội đồng nhân dân', level: 'local' },
  { code: 'quyet_dinh_ubnd', name: 'Quyết định của Ủy ban nhân dân', level: 'local' },
  { code: 'quyet_dinh_ct_ubnd', name: 'Quyết định của Chủ tịch Ủy ban nhân dân', level: 'local' },
  { code: 'chi_thi', name: 'Chỉ thị', level: 'local' },
  { code: 'van_ban_hop_nhat', name: 'Văn bản hợp nhất', level: 'central' },
  { code: 'khac', name: 'Văn bản khác', level: 'central' },
] as const;

export type LegalTypeCode = (typeof LEGAL_TYPES)[number]['code'];
export const LEGAL_TYPE_CODES = LEGAL_TYPES.map((t) => t.code) as [LegalTypeCode, ...LegalTypeCode[]];

export function legalType(code: string) {
  return LEGAL_TYPES.find((t) => t.code === code);
}

/**
 * Fields (lĩnh vực): the closed list of 27 that thuvienphapluat.vn uses (../shared/domain/legal-docs.md
 * §1b, repo tracuuphaply/thuvienphapluat src/legal/tvpl_fields.py), by code 1–27.
 */
export const LEGAL_FIELDS = [
  { code: 1, name: 'Bất động sản' },
  { code: 2, name: 'Bảo hiểm' },
  { code: 3, name: 'Thương mại' },
  { code: 4, name: 'Doanh nghiệp' },
  { code: 5, name: 'Đầu tư' },
  { code: 6, name: 'Xuất nhập khẩu' },
  { code: 7, name: 'Tài chính nhà nước' },
  { code: 8, name: 'Thuế - Phí - Lệ phí' },
  { code: 9, name: 'Tiền tệ - Ngân hàng' },
  { code: 10, name: 'Chứng khoán' },
  { code: 11, name: 'Kế toán - Kiểm toán' },
  { code: 12, name: 'Lao động - Tiền lương' },
  { code: 13, name: 'Văn hóa - Xã hội' },
  { code: 14, name: 'Thể thao - Y tế' },
  { code: 15, name: 'Bộ máy hành chính' },
  { code: 16, name: 'Giáo dục' },
  { code: 17, name: 'Giao thông - Vận tải' },
  { code: 18, name: 'Xây dựng - Đô thị' },
  { code: 19, name: 'Tài nguyên - Môi trường' },
  { code: 20, name: 'Công nghệ thông tin' },
  { code: 21, name: 'Sở hữu trí tuệ' },
  { code: 22, name: 'Quyền dân sự' },
  { code: 23, name: 'Thủ tục Tố tụng' },
  { code: 24, name: 'Trách nhiệm hình sự' },
  { code: 25, name: 'Vi phạm hành chính' },
  { code: 26, name: 'Dịch vụ pháp lý' },
  { code: 27, name: 'Lĩnh vực khác' },
] as const;

export function legalField(code: number) {
  return LEGAL_FIELDS.find((f) => f.code === code);
}

/**
 * The issuing bodies every installation knows (central ones); a province adds its own (HĐND tỉnh,
 * UBND tỉnh, Chủ tịch UBND tỉnh, and districts/communes) in the legal_issuers table. Imports match a
 * body by code or by name without diacritics; an unknown body is an error.
 */
export const CENTRAL_ISSUERS = [
  { code: 'quoc_hoi', name: 'Quốc hội' },
  { code: 'ubtvqh', name: 'Ủy ban Thường vụ Quốc hội' },
  { code: 'chu_tich_nuoc', name: 'Chủ tịch nước' },
  { code: 'chinh_phu', name: 'Chính phủ' },
  { code: 'thu_tuong', name: 'Thủ tướng Chính phủ' },
  { code: 'bo_noi_vu', name: 'Bộ Nội vụ' },
  { code: 'bo_tai_chinh', name: 'Bộ Tài chính' },
  { code: 'bo_tu_phap', name: 'Bộ Tư pháp' },
  { code: 'bo_cong_an', name: 'Bộ Công an' },
  { code: 'bo_quoc_phong', name: 'Bộ Quốc phòng' },
  { code: 'bo_ngoai_giao', name: 'Bộ Ngoại giao' },
  { code: 'bo_cong_thuong', name: 'Bộ Công Thương' },
  { code: 'bo_nong_nghiep_moi_truong', name: 'Bộ Nông nghiệp và Môi trường' },
  { code: 'bo_xay_dung', name: 'Bộ Xây dựng' },
  { code: 'bo_khoa_hoc_cong_nghe', name: 'Bộ Khoa học và Công nghệ' },
  { code: 'bo_giao_duc_dao_tao', name: 'Bộ Giáo dục và Đào tạo' },
  { code: 'bo_y_te', name: 'Bộ Y tế' },
  { code: 'bo_van_hoa', name: 'Bộ Văn hóa, Thể thao và Du lịch' },
  { code: 'bo_dan_toc_ton_giao', name: 'Bộ Dân tộc và Tôn giáo' },
  { code: 'ngan_hang_nha_nuoc', name: 'Ngân hàng Nhà nước Việt Nam' },
  { code: 'thanh_tra_chinh_phu', name: 'Thanh tra Chính phủ' },
  { code: 'van_phong_chinh_phu', name: 'Văn phòng Chính phủ' },
  { code: 'tand_toi_cao', name: 'Tòa án nhân dân tối cao' },
  { code: 'vksnd_toi_cao', name: 'Viện kiểm sát nhân dân tối cao' },
  { code: 'kiem_toan_nha_nuoc', name: 'Kiểm toán nhà nước' },
  { code: 'bo_thong_tin_truyen_thong', name: 'Bộ Thông tin và Truyền thông' },
  { code: 'bo_ke_hoach_dau_tu', name: 'Bộ Kế hoạch và Đầu tư' },
  { code: 'bo_lao_dong', name: 'Bộ Lao động - Thương binh và Xã hội' },
  { code: 'bo_tai_nguyen_moi_truong', name: 'Bộ Tài nguyên và Môi trường' },
  { code: 'bo_nong_nghiep', name: 'Bộ Nông nghiệp và Phát triển nông thôn' },
  { code: 'bo_giao_thong_van_tai', name: 'Bộ Giao thông vận tải' },
] as const;

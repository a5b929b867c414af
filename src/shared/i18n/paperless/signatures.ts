/** Texts of the signatures screens (Vietnamese). */
export const signaturesVi = {
  keys: {
    title: 'Chữ ký số',
    intro:
      'Tệp PKCS#12 (.p12, .pfx) của người ký hoặc của cơ quan (con dấu). Khóa bí mật được mã hóa và không bao giờ rời máy chủ.',
    owner: 'Chủ khóa',
    ownerAgency: 'Cơ quan (con dấu)',
    ownerPerson: 'Người ký',
    person: 'Người ký',
    file: 'Tệp PKCS#12',
    fileHint: 'Chọn tệp .p12 hoặc .pfx',
    password: 'Mật khẩu tệp',
    image: 'Ảnh chữ ký hoặc con dấu (PNG, không bắt buộc)',
    upload: 'Tải lên',
    uploaded: 'Đã lưu khóa ký.',
    list: 'Khóa đang dùng',
    empty: 'Chưa có khóa ký nào.',
    subject: 'Chủ thể',
    issuer: 'Nơi cấp',
    validity: 'Hiệu lực',
    who: 'Của',
    hasImage: 'Có ảnh',
    revoke: 'Thu hồi',
    revokeConfirm: 'Thu hồi khóa ký này? Không thể hoàn tác.',
    revoked: 'Đã thu hồi khóa ký.',
    required: 'Mục này bắt buộc.',
  },
  sign: {
    digital: 'Ký số bằng chứng thư của {{subject}}, hiệu lực đến {{until}}.',
    noKey: 'Bạn chưa có chứng thư số: văn bản sẽ được ghi nhận đã ký (chưa có chữ ký số).',
    needPdf: 'Bản cuối phải là tệp PDF: hãy tạo bản PDF từ bản thảo trước khi ký.',
  },
};

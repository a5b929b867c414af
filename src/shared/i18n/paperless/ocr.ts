/** Texts of the ocr screens (Vietnamese). */
export const ocrVi = {
  starting: 'Tệp là bản quét chưa có lớp chữ: đang chuẩn bị nhận dạng chữ (OCR)…',
  progress: 'Đang nhận dạng chữ (OCR): trang {{done}}/{{total}}',
  progressLabel: 'Tiến độ nhận dạng chữ',
  typeMeanwhile: 'Bạn vẫn có thể nhập các trường trong lúc chờ; những gì bạn đã nhập sẽ được giữ nguyên.',
  cancel: 'Hủy nhận dạng chữ',
  cancelled: 'Đã hủy nhận dạng chữ; vui lòng nhập các trường.',
  done: 'Đã nhận dạng chữ (OCR) và điền sẵn các trường đọc được; hãy đối chiếu với bản quét.',
  failed: 'Không nhận dạng chữ được: {{reason}} Vui lòng nhập các trường.',
  download: 'Tải bản có lớp chữ (OCR)',
};

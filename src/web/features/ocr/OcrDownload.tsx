import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSystemTexts } from '../../i18n.ts';
import { ocrPdfUrl, ocrRun } from './api.ts';

/**
 * "Tải bản có lớp chữ (OCR)" beside a document's scanned file, once its OCR is done; nothing
 * otherwise (a file never OCR'd answers 404, which is not an error here). For the Files card of a
 * document's page: `<OcrDownload sha256={file.sha256} />`.
 */
export function OcrDownload({ sha256 }: { sha256: string }) {
  const { t } = useTranslation();
  const ready = useSystemTexts('paperless');
  const run = useQuery({
    queryKey: ['ocr', sha256],
    queryFn: () => ocrRun(sha256).catch(() => null),
    staleTime: 60_000,
  });
  if (!ready || run.data?.status !== 'done') return null;
  return (
    <a href={ocrPdfUrl(sha256)} download>
      <DownloadOutlined aria-hidden /> {t('paperless.ocr.download')}
    </a>
  );
}

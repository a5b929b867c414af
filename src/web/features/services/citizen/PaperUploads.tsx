import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, List, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedPaper } from '../../../../shared/services/api.ts';
import { errorMessage } from '../../../api/client.ts';
import { uploadPaper } from './api.ts';

export interface PaperSlot {
  key: string;
  name: string;
  required: boolean;
}
export type PaperFiles = Record<string, UploadedPaper | undefined>;

/**
 * One upload per paper the procedure asks for (PDF, JPEG or PNG up to 10 MB, checked by the server
 * by their bytes): each shows its file once stored, or the server's reason when refused.
 */
export function PaperUploads({
  slots,
  files,
  onChange,
  problems,
}: {
  slots: PaperSlot[];
  files: PaperFiles;
  onChange: (f: PaperFiles) => void;
  problems: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const put = async (key: string, file: File) => {
    setBusy(key);
    setErrors((e) => ({ ...e, [key]: '' }));
    try {
      const stored = await uploadPaper(file);
      onChange({ ...files, [key]: { ...stored, fileName: file.name } });
    } catch (e) {
      setErrors((x) => ({ ...x, [key]: errorMessage(e) }));
    } finally {
      setBusy(null);
    }
  };
  return (
    <List
      bordered
      dataSource={slots}
      renderItem={(s) => {
        const f = files[s.key];
        const error = errors[s.key] || problems.get(s.key);
        return (
          <List.Item>
            <div style={{ width: '100%' }}>
              <Typography.Text strong>
                {s.name}
                {s.required ? (
                  <span className="lt-required"> *</span>
                ) : (
                  <span className="lt-muted"> ({t('services.applicants.papers.optional')})</span>
                )}
              </Typography.Text>
              <div style={{ marginTop: 6 }}>
                {f ? (
                  <>
                    <Typography.Text>
                      {f.fileName} ({Math.ceil(f.size / 1024)} KB)
                    </Typography.Text>{' '}
                    <Button
                      size="small"
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('services.applicants.papers.remove', { name: f.fileName })}
                      onClick={() => onChange({ ...files, [s.key]: undefined })}
                    />
                  </>
                ) : (
                  <Upload
                    accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                    showUploadList={false}
                    beforeUpload={(file) => {
                      void put(s.key, file);
                      return false;
                    }}
                  >
                    <Button
                      icon={<UploadOutlined aria-hidden />}
                      loading={busy === s.key}
                      aria-label={t('services.applicants.papers.chooseFor', { name: s.name })}
                    >
                      {t('services.applicants.papers.choose')}
                    </Button>
                  </Upload>
                )}
              </div>
              {error ? (
                <div className="lt-error-text" role="alert">
                  {error}
                </div>
              ) : null}
            </div>
          </List.Item>
        );
      }}
    />
  );
}

import { InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Space, Tag, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  COPY_KINDS,
  DOCUMENT_TYPES,
  SECRECY_LEVELS,
  URGENCY_LEVELS,
} from '../../../shared/documents/decree30.ts';
import type { DocumentAction } from '../../../shared/documents/workflow.ts';
import { errorMessage } from '../../api/client.ts';
import { docKeys, dueDateAfter, getColleagues, type UploadedFile, uploadFile } from '../../api/documents.ts';
import { i18n, translateDynamic } from '../../i18n.ts';

/** Decree 30's own words for types, secrecy and urgency (the same in both languages: legal terms). */
// Copies (sao y, sao lục, trích sao) travel as documents of their own type.
export const typeLabel = (code: string) =>
  DOCUMENT_TYPES.find((t) => t.code === code)?.name ?? COPY_KINDS.find((t) => t.code === code)?.name ?? code;
export const secrecyLabel = (code: string) => SECRECY_LEVELS.find((t) => t.code === code)?.label ?? code;
export const urgencyLabel = (code: string) => URGENCY_LEVELS.find((t) => t.code === code)?.label ?? code;
export const TYPE_OPTIONS = DOCUMENT_TYPES.map((t) => ({ value: t.code, label: t.name }));
export const SECRECY_OPTIONS = SECRECY_LEVELS.map((t) => ({ value: t.code, label: t.label }));
export const URGENCY_OPTIONS = URGENCY_LEVELS.map((t) => ({ value: t.code, label: t.label }));

export const statusLabel = (s: string) => translateDynamic(`documents.status.${s}`, s);
export const deliveryLabel = (s: string) => translateDynamic(`documents.delivery.${s}`, s);
export const channelLabel = (s: string) => translateDynamic(`documents.channel.${s}`, s);
export const eventLabel = (s: string) => translateDynamic(`documents.events.${s}`, s);
export const assignmentRoleLabel = (s: string) => translateDynamic(`documents.assignmentRole.${s}`, s);
export const assignmentStatusLabel = (s: string) => translateDynamic(`documents.assignmentStatus.${s}`, s);
/** The words of a workflow action: a key per action of the union, so a new action needs its label. */
export const actionLabel = (a: DocumentAction) => i18n.t(`documents.actions.${a}`);

/**
 * Tag colours with dark text on a light tint (contrast ≥ 4.5:1, WCAG AA); the word always says the
 * state, the colour only helps scanning.
 */
const TONES = {
  blue: { color: '#0b3d91', background: '#e6f0ff', borderColor: '#adc6ff' },
  green: { color: '#135200', background: '#f0fae6', borderColor: '#b7eb8f' },
  amber: { color: '#7a4100', background: '#fff7e6', borderColor: '#ffc069' },
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  purple: { color: '#391085', background: '#f4edff', borderColor: '#d3adf7' },
  grey: { color: '#262626', background: '#f5f5f5', borderColor: '#d9d9d9' },
} as const;
type Tone = keyof typeof TONES;

const STATUS_TONES: Record<string, Tone> = {
  pending: 'amber',
  registered: 'blue',
  submitted: 'purple',
  assigned: 'blue',
  done: 'green',
  refused: 'red',
  cancelled: 'grey',
  draft: 'grey',
  returned: 'amber',
  in_review: 'purple',
  signed: 'blue',
  released: 'green',
  recalled: 'red',
  delivered: 'blue',
};

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}

export function StatusTag({ status, kind = 'status' }: { status: string; kind?: 'status' | 'delivery' }) {
  return (
    <ToneTag tone={STATUS_TONES[status] ?? 'grey'}>
      {kind === 'delivery' ? deliveryLabel(status) : statusLabel(status)}
    </ToneTag>
  );
}

/** Secrecy and urgency stamps, shown only when not "Thường". */
export function Stamps({ secrecy, urgency }: { secrecy: string; urgency: string }) {
  return (
    <>
      {secrecy !== 'normal' ? <ToneTag tone="red">{secrecyLabel(secrecy)}</ToneTag> : null}
      {urgency !== 'normal' ? <ToneTag tone="amber">{urgencyLabel(urgency)}</ToneTag> : null}
    </>
  );
}

/** ISO date ⇄ dayjs for antd DatePicker (shown dd/MM/yyyy, sent yyyy-mm-dd). */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const toIso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
export const fromIso = (s: string | null | undefined) => (s ? dayjs(s) : null);

export function useColleagues() {
  return useQuery({ queryKey: docKeys.colleagues, queryFn: getColleagues, staleTime: 5 * 60_000 });
}

/** A date picker with "+N ngày làm việc" buttons (the server counts the working calendar). */
export function DueDateField({
  id,
  value,
  onChange,
  days = [3, 5, 10],
}: {
  id?: string;
  value?: Dayjs | null;
  onChange?: (v: Dayjs | null) => void;
  days?: number[];
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<number | null>(null);
  const pick = async (n: number) => {
    setBusy(n);
    try {
      onChange?.(dayjs((await dueDateAfter(n)).dueDate));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space wrap size={[8, 8]}>
      <DatePicker id={id} value={value ?? null} onChange={(d) => onChange?.(d)} format={DATE_FORMAT} />
      {days.map((n) => (
        <Button key={n} size="small" loading={busy === n} onClick={() => void pick(n)}>
          {t('documents.workingDays', { count: n })}
        </Button>
      ))}
    </Space>
  );
}

/**
 * Drag-and-drop upload: each file goes to POST /api/v1/files at once; the form keeps {sha256, fileName}.
 */
export function FileDrop({
  id,
  value,
  onChange,
  onUploaded,
  multiple,
  hint,
  accept,
}: {
  id?: string;
  value?: UploadedFile[];
  onChange?: (v: UploadedFile[]) => void;
  onUploaded?: (f: UploadedFile) => void;
  multiple?: boolean;
  hint: string;
  accept?: string;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const files = value ?? [];
  return (
    <div>
      <Upload.Dragger
        id={id}
        accept={accept ?? '.pdf,.docx,.doc,.odt,.xlsx,.png,.jpg,.jpeg'}
        multiple={multiple}
        showUploadList={false}
        disabled={busy}
        customRequest={async (opts) => {
          setBusy(true);
          setError(null);
          try {
            const up = await uploadFile(opts.file as File);
            const next = multiple ? [...files, up] : [up];
            onChange?.(next);
            onUploaded?.(up);
            opts.onSuccess?.(up);
          } catch (e) {
            setError(`${t('documents.uploadFailed')}: ${errorMessage(e)}`);
            opts.onError?.(e as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined aria-hidden />
        </p>
        <p className="ant-upload-hint">{busy ? t('shell.loading') : hint}</p>
      </Upload.Dragger>
      {error ? (
        <div role="alert" className="lt-doc-upload-error">
          {error}
        </div>
      ) : null}
      {files.length ? (
        <ul className="lt-doc-files" aria-live="polite">
          {files.map((f) => (
            <li key={f.sha256}>
              <span>{t('documents.uploaded', { name: f.fileName })}</span>
              <Button
                type="link"
                size="small"
                aria-label={t('documents.removeFile', { name: f.fileName })}
                onClick={() => onChange?.(files.filter((x) => x.sha256 !== f.sha256))}
              >
                ×
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The leaders of the agency, the first one first (what "Trình lãnh đạo" offers). */
export function leaderOptions(people: { id: string; name: string; role: string; title: string }[]) {
  // The head (Giám đốc, Chủ tịch) before the deputies (Phó …): the usual addressee of a submission.
  const deputy = (title: string) => (/^phó/i.test(title.trim()) ? 1 : 0);
  return people
    .filter((p) => p.role === 'agency_leader')
    .sort((a, b) => deputy(a.title) - deputy(b.title))
    .map((p) => ({ value: p.id, label: p.title ? `${p.name} — ${p.title}` : p.name }));
}

/** A primary button that is a real link (opens in a new tab too) but navigates inside the app. */
export function LinkButton({
  to,
  icon,
  children,
  type = 'primary',
}: {
  to: string;
  icon?: ReactNode;
  children: ReactNode;
  type?: 'primary' | 'default';
}) {
  const navigate = useNavigate();
  return (
    <Button
      type={type}
      href={to}
      icon={icon}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </Button>
  );
}

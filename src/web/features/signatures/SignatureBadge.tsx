import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Descriptions, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileSignatureView } from '../../../shared/schemas/signatures-verify.ts';
import { useSystemTexts } from '../../i18n.ts';
import { formatDateTime } from '../../lib/format.ts';

type Shown = Exclude<FileSignatureView['status'], 'none'>;

const LOOK: Record<Shown, { color: string; icon: React.ReactNode }> = {
  valid: { color: 'green', icon: <CheckCircleOutlined aria-hidden /> },
  invalid: { color: 'red', icon: <CloseCircleOutlined aria-hidden /> },
  warning: { color: 'orange', icon: <ExclamationCircleOutlined aria-hidden /> },
};

/**
 * The digital signature of a document's PDF: a badge (icon + words + signer, never colour alone)
 * that opens the details — signers, times, issuer, chain, coverage and what is wrong. Nothing for an
 * unsigned file or a file not verified yet; nothing until the paperless texts are loaded.
 */
export function SignatureBadge(props: { signature: FileSignatureView | null | undefined; fileName: string }) {
  const ready = useSystemTexts('paperless');
  if (!ready || !props.signature || props.signature.status === 'none') return null;
  return <Badge signature={props.signature} fileName={props.fileName} />;
}

function Badge({ signature, fileName }: { signature: FileSignatureView; fileName: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const status = signature.status as Shown;
  const look = LOOK[status];
  const label = t(`paperless.verify.badge.${status}`);
  const first = signature.signers.find((s) => s.valid) ?? signature.signers[0];
  const who = status === 'valid' && first?.name ? first.name : null;
  return (
    <>
      <button
        type="button"
        className="lt-sig-badge"
        style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', font: 'inherit' }}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        title={signature.summary}
        data-status={status}
      >
        <Tag color={look.color} icon={look.icon}>
          {label}
          {who ? `: ${who}` : ''}
        </Tag>
      </button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        title={t('paperless.verify.badge.details', { name: fileName })}
        footer={<Button onClick={() => setOpen(false)}>{t('paperless.verify.details.close')}</Button>}
        destroyOnHidden
      >
        <p>
          <Tag color={look.color} icon={look.icon}>
            {label}
          </Tag>{' '}
          {signature.summary}
        </p>
        {signature.signers.map((s, i) => (
          <section key={`${s.name}-${s.signedAt}-${s.chainNames.join()}`} style={{ marginTop: 16 }}>
            <h3 className="lt-card-title">
              {t('paperless.verify.details.signature', { n: i + 1 })}
              {' · '}
              {t(`paperless.verify.badge.${s.status}`)}
            </h3>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'signer', label: t('paperless.verify.details.signer'), children: s.name ?? '—' },
                {
                  key: 'org',
                  label: t('paperless.verify.details.organisation'),
                  children: s.organisation ?? '—',
                },
                { key: 'issuer', label: t('paperless.verify.details.issuer'), children: s.issuer ?? '—' },
                {
                  key: 'at',
                  label: t('paperless.verify.details.signedAt'),
                  children: s.signedAt ? formatDateTime(s.signedAt) : '—',
                },
                {
                  key: 'chain',
                  label: t('paperless.verify.details.chain'),
                  children: (
                    <>
                      {s.chainNames.join(' ← ')}
                      <br />
                      <span className="lt-muted">
                        {t(
                          s.chain === 'trusted'
                            ? 'paperless.verify.details.chainTrusted'
                            : 'paperless.verify.details.chainUnknown',
                        )}
                      </span>
                    </>
                  ),
                },
                {
                  key: 'coverage',
                  label: t('paperless.verify.details.coverage'),
                  children: t(
                    s.coverage === 'whole'
                      ? 'paperless.verify.details.coverageWhole'
                      : s.coverage === 'later'
                        ? 'paperless.verify.details.coverageLater'
                        : 'paperless.verify.details.coveragePartial',
                  ),
                },
                {
                  key: 'problems',
                  label: t('paperless.verify.details.problems'),
                  children:
                    s.problems.length + s.notes.length ? (
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {[...s.problems, ...s.notes].map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    ) : (
                      t('paperless.verify.details.none')
                    ),
                },
              ]}
            />
          </section>
        ))}
      </Modal>
    </>
  );
}

import { FolderAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/client.ts';
import { addItem, dossierKeys, openForMe } from './api.ts';

/** "Thêm vào hồ sơ": files the document into one of the person's open dossiers (linked, not copied). */
export function AddToDossierButton({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [dossierId, setDossierId] = useState<string | undefined>();
  const mine = useQuery({ queryKey: dossierKeys.mine, queryFn: openForMe, enabled: open });
  const add = useMutation({
    mutationFn: () => addItem(dossierId!, { documentId }),
    onSuccess: (r) => {
      const d = mine.data?.find((x) => x.id === dossierId);
      message.success(t('dossiers.added', { code: d?.fileCode ?? '', n: r.ordinal }));
      void qc.invalidateQueries({ queryKey: dossierKeys.all });
      setOpen(false);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Button icon={<FolderAddOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('dossiers.addToDossier')}
      </Button>
      <Modal
        open={open}
        title={t('dossiers.addToDossier')}
        okText={t('dossiers.addAction')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !dossierId }}
        confirmLoading={add.isPending}
        onOk={() => add.mutate()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('dossiers.chooseDossier')} htmlFor="lt-add-dossier">
            <Select
              id="lt-add-dossier"
              loading={mine.isPending}
              value={dossierId}
              onChange={setDossierId}
              showSearch
              optionFilterProp="label"
              notFoundContent={t('dossiers.noOpenDossier')}
              options={(mine.data ?? []).map((d) => ({ value: d.id, label: `${d.notation} — ${d.title}` }))}
            />
          </Form.Item>
        </Form>
        <Link to="/ho-so">{t('dossiers.openNewHint')}</Link>
      </Modal>
    </>
  );
}

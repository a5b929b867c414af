import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router-dom';
import type { ApplicantDossierList } from '../../../../shared/services/api.ts';
import { errorMessage } from '../../../api/client.ts';
import { EmptyText } from '../../../components/EmptyText.tsx';
import { Loading } from '../../../components/Loading.tsx';
import { ListCard, LoadMore } from '../../../components/ResponsiveList.tsx';
import { formatDate } from '../../../lib/format.ts';
import { citizenKeys, myDossiers } from './api.ts';
import { useApplicant } from './CitizenApp.tsx';

type Item = ApplicantDossierList['items'][number];

/** Hồ sơ của tôi: every dossier of the signed-in applicant (also those sent as a guest with the same e-mail). */
export default function MyDossiersPage() {
  const { t } = useTranslation();
  const me = useApplicant();
  const q = useInfiniteQuery({
    queryKey: citizenKeys.dossiers,
    queryFn: ({ pageParam }) => myDossiers(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p) => p.nextCursor ?? undefined,
    enabled: !!me.data,
  });
  useEffect(() => {
    document.title = t('services.applicants.mine.title');
  }, [t]);
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/dich-vu-cong/dang-nhap?next=/dich-vu-cong/ho-so" replace />;
  const items: Item[] = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <Typography.Title level={1}>{t('services.applicants.mine.title')}</Typography.Title>
      {q.error ? <Alert type="error" showIcon message={errorMessage(q.error)} /> : null}
      {q.isPending ? <Loading /> : null}
      {!q.isPending && items.length === 0 ? (
        <>
          <EmptyText>{t('services.applicants.mine.empty')}</EmptyText>
          <p>
            <a href="/cong-khai/thu-tuc">{t('services.applicants.mine.find')}</a>
          </p>
        </>
      ) : null}
      <ul className="lt-card-list" aria-label={t('services.applicants.mine.title')}>
        {items.map((d) => (
          <ListCard
            key={d.id}
            to={`/dich-vu-cong/ho-so/${encodeURIComponent(d.code)}`}
            overline={d.code}
            title={d.procedureName}
            fields={[
              { label: t('services.applicants.dossier.status'), value: d.statusLabel },
              { label: t('services.applicants.dossier.agency'), value: d.agencyName },
              { label: t('services.applicants.dossier.submittedAt'), value: formatDate(d.submittedAt) },
              { label: t('services.applicants.dossier.dueAt'), value: formatDate(d.dueAt) },
            ]}
          />
        ))}
      </ul>
      <LoadMore pager={q} />
      <p>
        <Link to="/dich-vu-cong/tra-cuu">{t('services.applicants.mine.lookup')}</Link>
      </p>
    </>
  );
}

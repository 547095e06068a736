/** A person's page: identity (masked as the viewer's role requires), documents with validity and source, dossiers. */
import { useContext } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Card, Descriptions, Space, Spin, Table, Typography } from 'antd';
import { PersonDocument } from '../gql/graphql';
import { LanguageContext, useLabel, useT } from '../i18n';
import { navigate } from '../route';
import { ErrorAlert, formatDate, isOverdue, Masked, StatusTag } from '../shared';

export default function PersonScreen({ personalId }: { personalId: string }) {
  const t = useT();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const { data, loading, error } = useQuery(PersonDocument, { variables: { personalId } });
  const person = data?.individual;
  if (loading && !data) return <Spin tip={t('loading')}><div style={{ minHeight: 120 }} /></Spin>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <ErrorAlert error={error} />
      {person && (
        <>
          <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('person')}: {person.fullName}</Typography.Title>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }} bordered>
              <Descriptions.Item label={t('fullName')}><Masked value={person.fullName} /></Descriptions.Item>
              <Descriptions.Item label={t('personalId')}><Masked value={person.personalId} /></Descriptions.Item>
              <Descriptions.Item label={t('socialInsuranceCode')}><Masked value={person.socialInsuranceCode} /></Descriptions.Item>
              <Descriptions.Item label={t('dateOfBirth')}><Masked value={person.dateOfBirth} /></Descriptions.Item>
              <Descriptions.Item label={t('gender')}>{label(person.gender)}</Descriptions.Item>
              <Descriptions.Item label={t('householdCode')}><Masked value={person.householdCode} /></Descriptions.Item>
              <Descriptions.Item label={t('residence')}>{[person.residence?.communeName, person.residence?.provinceName].filter(Boolean).join(', ')}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small" title={`${t('documents')} (${person.documents.totalCount})`}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              scroll={{ x: true }}
              dataSource={person.documents.edges.map((e) => e.node)}
              columns={[
                { title: t('code'), dataIndex: 'code' },
                { title: t('title'), dataIndex: 'title' },
                { title: t('documentType'), render: (_, d) => d.documentType.name },
                { title: t('source'), render: (_, d) => label(d.source) },
                { title: t('status'), render: (_, d) => <StatusTag value={d.status} /> },
                { title: t('validUntil'), render: (_, d) => formatDate(d.validUntil, language) },
                { title: t('signature'), render: (_, d) => (d.signature ? (d.signature.valid ? t('valid') : t('invalid')) : '—') },
              ]}
            />
          </Card>
          <Card size="small" title={`${t('dossiers')} (${person.dossiers.totalCount})`}>
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              scroll={{ x: true }}
              dataSource={person.dossiers.edges.map((e) => e.node)}
              columns={[
                { title: t('code'), render: (_, d) => <Button type="link" onClick={() => navigate('dossier', d.code)}>{d.code}</Button> },
                { title: t('procedure'), render: (_, d) => d.procedure.name },
                { title: t('status'), render: (_, d) => <StatusTag value={d.status} /> },
                { title: t('dueAt'), render: (_, d) => <span>{formatDate(d.dueOn, language)} {isOverdue(d.status, d.dueAt) && <StatusTag value="EXPIRED" />}</span> },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

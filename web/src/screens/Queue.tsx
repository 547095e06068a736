/**
 * The processing and approval queue: dossiers by status, due date and overdue; a dossier's set with its
 * documents, signatures and history; submit, request supplement, approve or reject, return the result.
 */
import { useContext, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Checkbox, Descriptions, Drawer, Form, Input, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import {
  DocumentTypesDocument, DossierDocument, QueueDocument, RequestSupplementDocument, ResolveDossierDocument, ReturnResultDocument, SubmitForProcessingDocument,
  type DossierStatus,
} from '../gql/graphql';
import { LanguageContext, useLabel, useT } from '../i18n';
import { useSession } from '../session';
import { navigate } from '../route';
import { SchemaFields } from '../SchemaForm';
import { TAG, ErrorAlert, formatDate, formatDateTime, isOverdue, StatusTag } from '../shared';

const STATUSES: DossierStatus[] = ['RECEIVED', 'DIGITIZING', 'PROCESSING', 'NEEDS_SUPPLEMENT', 'APPROVED', 'REJECTED', 'RESULT_RETURNED'];
const DEFAULT_BY_ROLE: Record<string, DossierStatus[]> = {
  PROCESSING_OFFICER: ['RECEIVED', 'DIGITIZING', 'PROCESSING'],
  APPROVER: ['PROCESSING', 'APPROVED', 'REJECTED'],
  RECEIVING_OFFICER: ['RECEIVED', 'DIGITIZING', 'APPROVED', 'REJECTED'],
};

export default function QueueScreen({ openCode }: { openCode?: string }) {
  const t = useT();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const { session } = useSession();
  const [statuses, setStatuses] = useState<DossierStatus[]>(DEFAULT_BY_ROLE[session.role] ?? []);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const queue = useQuery(QueueDocument, { variables: { first: 100, filter: statuses.length ? { status: statuses } : undefined }, context: { purpose: 'Giải quyết hồ sơ: danh sách chờ xử lý' } });
  const rows = (queue.data?.dossiers.edges ?? []).map((e) => e.node).filter((d) => !overdueOnly || isOverdue(d.status, d.dueAt));
  rows.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('queue')}</Typography.Title>
      <Card size="small">
        <Space wrap>
          <label htmlFor="queue-status">{t('status')}</label>
          <Select
            id="queue-status"
            mode="multiple"
            allowClear
            style={{ minWidth: 360 }}
            value={statuses}
            onChange={setStatuses}
            placeholder={t('all')}
            options={STATUSES.map((s) => ({ value: s, label: label(s) }))}
          />
          <Checkbox checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)}>{t('onlyOverdue')}</Checkbox>
          <Typography.Text data-testid="queue-total">{queue.data ? `${queue.data.dossiers.totalCount} ${t('dossiers').toLowerCase()}` : ''}</Typography.Text>
        </Space>
      </Card>
      <ErrorAlert error={queue.error} />
      <Table
        size="small"
        rowKey="code"
        loading={queue.loading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('code'), render: (_, d) => <Button type="link" onClick={() => navigate('dossier', d.code)}>{d.code}</Button> },
          { title: t('procedure'), render: (_, d) => d.procedure.name, ellipsis: true },
          { title: t('applicant'), render: (_, d) => (d.applicant.__typename === 'Individual' ? d.applicant.fullName : d.applicant.name) },
          { title: t('status'), render: (_, d) => <StatusTag value={d.status} /> },
          { title: t('dueAt'), render: (_, d) => <span>{formatDate(d.dueOn, language)} {isOverdue(d.status, d.dueAt) && <Tag color={TAG.red}>{t('overdue')}</Tag>}</span> },
          { title: t('reuseRate'), render: (_, d) => `${Math.round(d.reuseRate * 100)}%` },
        ]}
      />
      <Drawer open={!!openCode} width={Math.min(900, window.innerWidth)} onClose={() => navigate('queue')} title={`${t('dossier')} ${openCode ?? ''}`} destroyOnHidden>
        {openCode && <DossierPanel code={openCode} onChanged={() => void queue.refetch()} />}
      </Drawer>
    </Space>
  );
}

function DossierPanel({ code, onChanged }: { code: string; onChanged: () => void }) {
  const t = useT();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const context = { dossier: code };
  const { data, loading, error } = useQuery(DossierDocument, { variables: { code }, context, fetchPolicy: 'network-only' });
  const [submit, submitting] = useMutation(SubmitForProcessingDocument, { context });
  const [supplement, supplementing] = useMutation(RequestSupplementDocument, { context });
  const [giveBack, returning] = useMutation(ReturnResultDocument, { context });
  const d = data?.dossier;
  const actionError = submitting.error ?? supplementing.error ?? returning.error;
  const done = () => onChanged();
  if (loading && !d) return <Card loading />;
  if (!d) return <ErrorAlert error={error} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ErrorAlert error={error ?? actionError} />
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('procedure')}>{d.procedure.code} — {d.procedure.name}</Descriptions.Item>
        <Descriptions.Item label={t('applicant')}>{d.applicant.__typename === 'Individual' ? `${d.applicant.fullName} (${d.applicant.personalId})` : d.applicant.name}</Descriptions.Item>
        <Descriptions.Item label={t('status')}><span data-testid="dossier-status"><StatusTag value={d.status} /></span></Descriptions.Item>
        <Descriptions.Item label={t('receivedAt')}>{formatDateTime(d.receivedAt, language)}</Descriptions.Item>
        <Descriptions.Item label={t('dueAt')}>{formatDateTime(d.dueAt, language)} {isOverdue(d.status, d.dueAt) && <Tag color={TAG.red}>{t('overdue')}</Tag>}</Descriptions.Item>
        <Descriptions.Item label={t('reuseRate')}>{Math.round(d.reuseRate * 100)}%</Descriptions.Item>
        {d.result && <Descriptions.Item label={t('result')}>{label(d.result.decision)} {d.result.reason ?? ''} {d.result.document?.code ?? ''}</Descriptions.Item>}
      </Descriptions>
      <Table
        size="small"
        rowKey={(c) => c.requirement.code}
        pagination={false}
        scroll={{ x: true }}
        dataSource={d.components}
        columns={[
          { title: t('components'), render: (_, c) => `${c.requirement.code}. ${c.requirement.name}` },
          { title: t('source'), render: (_, c) => <StatusTag value={c.provision} /> },
          { title: t('code'), render: (_, c) => c.document?.code ?? '—' },
          { title: t('validUntil'), render: (_, c) => formatDate(c.document?.validUntil, language) },
          { title: t('signature'), render: (_, c) => (c.document?.signature ? (c.document.signature.valid ? t('valid') : t('invalid')) : '—') },
        ]}
      />
      <Space wrap>
        {['RECEIVED', 'DIGITIZING'].includes(d.status) && (
          <Button type="primary" loading={submitting.loading} onClick={() => void submit({ variables: { dossierCode: code } }).then(done, () => null)}>{t('submit')}</Button>
        )}
        {d.status === 'PROCESSING' && (
          <Button loading={supplementing.loading} onClick={() => void supplement({ variables: { dossierCode: code, note: 'Bổ sung giấy tờ theo yêu cầu' } }).then(done, () => null)}>{t('requestSupplement')}</Button>
        )}
        {['APPROVED', 'REJECTED'].includes(d.status) && !d.result?.returnedAt && (
          <Button type="primary" loading={returning.loading} onClick={() => void giveBack({ variables: { dossierCode: code } }).then(done, () => null)}>{t('returnResult')}</Button>
        )}
      </Space>
      {d.status === 'PROCESSING' && <Decide code={code} applicantName={d.applicant.__typename === 'Individual' ? d.applicant.fullName : d.applicant.name} onDone={done} />}
      <Typography.Title level={2} style={{ fontSize: 16 }}>{t('history')}</Typography.Title>
      <Timeline items={d.history.map((h) => ({ children: `${formatDateTime(h.at, language)} · ${label(h.to)} · ${h.by?.fullName ?? ''}${h.note ? ` · ${h.note}` : ''}` }))} />
    </Space>
  );
}

function Decide({ code, applicantName, onDone }: { code: string; applicantName: string; onDone: () => void }) {
  const t = useT();
  const types = useQuery(DocumentTypesDocument);
  const [resolve, resolving] = useMutation(ResolveDossierDocument, { context: { dossier: code } });
  const [resultType, setResultType] = useState<string | undefined>();
  const schema = types.data?.documentTypes.find((x) => x.code === resultType)?.metadataSchema;

  async function decide(decision: 'APPROVED' | 'REJECTED', values: { reason?: string; metadata?: Record<string, unknown> }) {
    const metadata = values.metadata ? Object.fromEntries(Object.entries(values.metadata).filter(([, v]) => v !== undefined && v !== '')) : undefined;
    const input = decision === 'APPROVED'
      ? { dossierCode: code, decision, resultMetadata: resultType ? metadata : undefined }
      : { dossierCode: code, decision, reason: values.reason };
    const result = await resolve({ variables: { input } }).catch(() => null);
    if (result?.data) onDone();
  }

  return (
    <Card size="small" title={`${t('approve')} / ${t('reject')}`}>
      <ErrorAlert error={resolving.error ?? types.error} />
      <Form layout="vertical" onFinish={(v) => void decide('APPROVED', v)} initialValues={{ metadata: { fullName: applicantName } }}>
        <Form.Item label={t('result')} htmlFor="result-type">
          <Select id="result-type" allowClear value={resultType} onChange={setResultType} options={(types.data?.documentTypes ?? []).map((x) => ({ value: x.code, label: `${x.code} — ${x.name}` }))} />
        </Form.Item>
        {schema && <SchemaFields schema={schema} prefix="result" />}
        <Button type="primary" htmlType="submit" loading={resolving.loading}>{t('approve')}</Button>
      </Form>
      <Form layout="inline" style={{ marginTop: 12 }} onFinish={(v) => void decide('REJECTED', v)}>
        <Form.Item name="reason" label={t('reason')} htmlFor="reject-reason" rules={[{ required: true }]}><Input id="reject-reason" /></Form.Item>
        <Button danger htmlType="submit" loading={resolving.loading}>{t('reject')}</Button>
      </Form>
    </Card>
  );
}

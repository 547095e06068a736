/**
 * Reception: choose the procedure, find the applicant, receive; per required component reuse what the
 * warehouse holds (one click) or upload a scan and fill its metadata from the type's JSON Schema; check
 * consistency. Every read here carries the dossier as its purpose.
 */
import { useContext, useMemo, useState } from 'react';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, List, Progress, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import {
  CheckConsistencyDocument, DigitizeComponentDocument, DossierDocument, EvidenceDocument, ProceduresDocument, ReceiveDossierDocument, ReuseDocumentDocument,
  type DossierDetailFragment, type EvidenceQuery,
} from '../gql/graphql';
import { LanguageContext, useLabel, useT } from '../i18n';
import { useSession } from '../session';
import { SchemaFields } from '../SchemaForm';
import { uploadScan } from '../upload';
import { TAG, ErrorAlert, formatDate, StatusTag } from '../shared';
import { messageOf } from '../errors';

export default function ReceptionScreen() {
  const t = useT();
  const [dossierCode, setDossierCode] = useState<string | null>(null);
  const [applicant, setApplicant] = useState('');
  const procedures = useQuery(ProceduresDocument);
  const [receive, received] = useMutation(ReceiveDossierDocument);

  async function onReceive(values: { procedureCode: string; personalId: string }) {
    const personalId = values.personalId.trim();
    const result = await receive({
      variables: { input: { procedureCode: values.procedureCode, applicant: { personalId }, channel: 'IN_PERSON', idempotencyKey: crypto.randomUUID() } },
      context: { purpose: `Tiếp nhận hồ sơ thủ tục ${values.procedureCode}` },
    }).catch(() => null);
    if (result?.data) {
      setApplicant(personalId);
      setDossierCode(result.data.receiveDossier.code);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('reception')}</Typography.Title>
      <Card size="small">
        <Form layout="vertical" onFinish={onReceive} disabled={!!dossierCode}>
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <Form.Item name="procedureCode" label={t('chooseProcedure')} htmlFor="reception-procedure" rules={[{ required: true, message: t('chooseProcedure') }]}>
                <Select
                  id="reception-procedure"
                  aria-label={t('chooseProcedure')}
                  showSearch
                  optionFilterProp="label"
                  loading={procedures.loading}
                  options={(procedures.data?.procedures ?? []).map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item name="personalId" label={t('findApplicant')} htmlFor="reception-applicant" rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('findApplicant') }]}>
                <Input id="reception-applicant" inputMode="numeric" maxLength={14} />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item label=" " colon={false}>
                <Button type="primary" htmlType="submit" loading={received.loading} block>{t('receive')}</Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <ErrorAlert error={procedures.error ?? received.error} />
      </Card>
      {dossierCode && <DossierWork code={dossierCode} personalId={applicant} onDone={() => setDossierCode(null)} />}
    </Space>
  );
}

type Candidate = EvidenceQuery['reusableEvidence'][number]['candidates'][number];

function DossierWork({ code, personalId, onDone }: { code: string; personalId: string; onDone: () => void }) {
  const t = useT();
  const language = useContext(LanguageContext);
  const context = { dossier: code };
  const dossier = useQuery(DossierDocument, { variables: { code }, context, fetchPolicy: 'network-only' });
  const d = dossier.data?.dossier;
  const evidence = useQuery(EvidenceDocument, { variables: { procedureCode: d?.procedure.code ?? '', owner: { personalId } }, context, skip: !d });
  const byRequirement = useMemo(
    () => new Map((evidence.data?.reusableEvidence ?? []).map((m) => [m.requirement.code, m.candidates])),
    [evidence.data],
  );
  if (!d) return <Card loading />;
  return (
    <Card
      size="small"
      title={<span>{t('dossier')} <Typography.Text code data-testid="dossier-code">{d.code}</Typography.Text> <StatusTag value={d.status} /></span>}
      extra={<span>{t('dueAt')}: {formatDate(d.dueOn, language)}</span>}
    >
      <ErrorAlert error={dossier.error ?? evidence.error} />
      <Typography.Title level={2} style={{ fontSize: 18 }}>{t('components')}</Typography.Title>
      <List
        dataSource={d.components}
        renderItem={(component) => (
          <ComponentRow key={component.requirement.code} dossier={d} component={component} candidates={byRequirement.get(component.requirement.code) ?? []} onChanged={() => void dossier.refetch()} />
        )}
      />
      <Consistency code={d.code} />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={onDone}>{t('done')}</Button>
      </Space>
    </Card>
  );
}

function ComponentRow({ dossier, component, candidates, onChanged }: {
  dossier: DossierDetailFragment;
  component: DossierDetailFragment['components'][number];
  candidates: Candidate[];
  onChanged: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [reuse, reusing] = useMutation(ReuseDocumentDocument);
  const [scanning, setScanning] = useState(false);
  const requirement = component.requirement;
  const provided = component.provision !== 'PENDING';
  const usable = candidates.filter((c) => c.status === 'VALID');

  async function reuseFirst(candidate: Candidate) {
    const result = await reuse({
      variables: { input: { dossierCode: dossier.code, requirementCode: requirement.code, documentCode: candidate.code } },
      context: { dossier: dossier.code },
    }).catch(() => null);
    if (result?.data) onChanged();
  }

  return (
    <List.Item data-testid={`component-${requirement.code}`} style={{ display: 'block' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', flexWrap: 'wrap', gap: 8 }}>
        <div>
          <Typography.Text strong>{requirement.code}. {requirement.name}</Typography.Text>{' '}
          {requirement.mandatory && <Tag color={TAG.red}>*</Tag>}
          <StatusTag value={component.provision} />
          {component.document && <Typography.Text type="secondary"> {component.document.code}</Typography.Text>}
        </div>
        {!provided && (
          <Space wrap>
            {usable.slice(0, 1).map((c) => (
              <Button key={c.code} type="primary" loading={reusing.loading} onClick={() => void reuseFirst(c)} aria-label={`${t('reuse')} ${requirement.code}: ${c.title}`}>
                {t('reuse')}: {c.title} ({label(c.source)}, {t('validUntil').toLowerCase()} {formatDate(c.validUntil, language)})
              </Button>
            ))}
            <Button onClick={() => setScanning((s) => !s)} aria-expanded={scanning} aria-label={`${t('upload')} ${requirement.code}`}>{t('upload')}</Button>
          </Space>
        )}
      </div>
      <ErrorAlert error={reusing.error} />
      {!provided && scanning && <ScanForm dossierCode={dossier.code} component={component} onDone={() => { setScanning(false); onChanged(); }} />}
    </List.Item>
  );
}

function ScanForm({ dossierCode, component, onDone }: { dossierCode: string; component: DossierDetailFragment['components'][number]; onDone: () => void }) {
  const t = useT();
  const language = useContext(LanguageContext);
  const { session } = useSession();
  const [progress, setProgress] = useState<number | null>(null);
  const [fileId, setFileId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [digitize, digitizing] = useMutation(DigitizeComponentDocument);
  const requirement = component.requirement;
  const prefix = `scan-${requirement.code}`;

  async function onFinish(values: { title: string; issuedOn?: { format: (f: string) => string }; metadata: Record<string, unknown> }) {
    if (!fileId) return;
    const metadata = Object.fromEntries(Object.entries(values.metadata ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    const result = await digitize({
      variables: { input: { dossierCode, requirementCode: requirement.code, fileId, title: values.title, issuedOn: values.issuedOn?.format('YYYY-MM-DD'), metadata } },
      context: { dossier: dossierCode },
    }).catch(() => null);
    if (result?.data) onDone();
  }

  return (
    <Card size="small" style={{ marginTop: 8 }} title={`${t('upload')} — ${requirement.documentType.name}`}>
      <Upload.Dragger
        accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff"
        multiple={false}
        showUploadList={false}
        customRequest={({ file }) => {
          setUploadError(null);
          setProgress(0);
          uploadScan(file as File, session.token, dossierCode, setProgress).then(
            (uploaded) => setFileId(uploaded.id),
            (e) => { setProgress(null); setUploadError(messageOf(e, language)); },
          );
        }}
      >
        <p>{t('uploadHint')}</p>
      </Upload.Dragger>
      {progress !== null && <Progress percent={progress} aria-label={t('upload')} status={fileId ? 'success' : 'active'} />}
      {uploadError && <Alert type="error" role="alert" showIcon title={uploadError} />}
      <Form layout="vertical" onFinish={onFinish} style={{ marginTop: 12 }} initialValues={{ title: requirement.documentType.name }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="title" label={t('title')} htmlFor={`${prefix}-title`} rules={[{ required: true }]}><Input id={`${prefix}-title`} /></Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="issuedOn" label={t('issuedOn')} htmlFor={`${prefix}-issuedOn`}><DatePicker id={`${prefix}-issuedOn`} style={{ width: '100%' }} /></Form.Item>
          </Col>
        </Row>
        <Typography.Text strong>{t('metadata')}</Typography.Text>
        <SchemaFields schema={requirement.documentType.metadataSchema} prefix={prefix} />
        <ErrorAlert error={digitizing.error} />
        <Button type="primary" htmlType="submit" disabled={!fileId} loading={digitizing.loading}>{t('digitize')}</Button>
      </Form>
    </Card>
  );
}

function Consistency({ code }: { code: string }) {
  const t = useT();
  const [check, checked] = useMutation(CheckConsistencyDocument);
  return (
    <Card size="small" title={t('checkConsistency')} style={{ marginTop: 12 }}>
      <Form
        layout="inline"
        onFinish={(values: { fullName: string }) => void check({ variables: { dossierCode: code, declared: { fullName: values.fullName } }, context: { dossier: code } }).catch(() => null)}
      >
        <Form.Item name="fullName" label={t('fullName')} htmlFor="declared-fullName" rules={[{ required: true }]}><Input id="declared-fullName" /></Form.Item>
        <Button htmlType="submit" loading={checked.loading}>{t('checkConsistency')}</Button>
      </Form>
      <ErrorAlert error={checked.error} />
      {checked.data && (checked.data.checkConsistency.length === 0 ? (
        <Alert type="success" showIcon title={t('consistent')} style={{ marginTop: 8 }} data-testid="consistent" />
      ) : (
        <Table
          size="small"
          style={{ marginTop: 8 }}
          rowKey={(r) => `${r.field}-${r.declared}-${r.stored}`}
          pagination={false}
          dataSource={checked.data.checkConsistency}
          columns={[{ title: t('fields'), dataIndex: 'field' }, { title: 'Khai', dataIndex: 'declared' }, { title: 'Kho', dataIndex: 'stored' }]}
        />
      ))}
    </Card>
  );
}

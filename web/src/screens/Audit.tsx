/** The auditor's access-log viewer: who read whose personal data, when, why; filter by officer, subject, time. */
import { useContext, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { AccessEventsDocument, type AccessEventFilter } from '../gql/graphql';
import { LanguageContext, useT } from '../i18n';
import { ErrorAlert, formatDateTime } from '../shared';

interface Values {
  actor?: string;
  personalId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export default function AuditScreen() {
  const t = useT();
  const language = useContext(LanguageContext);
  const [filter, setFilter] = useState<AccessEventFilter>({});
  const events = useQuery(AccessEventsDocument, { variables: { filter, first: 100 }, context: { purpose: 'Kiểm tra nhật ký truy cập dữ liệu cá nhân' }, fetchPolicy: 'network-only' });
  function apply(values: Values) {
    const next: AccessEventFilter = {};
    if (values.actor?.trim()) next.actor = values.actor.trim();
    if (values.personalId?.trim()) next.subject = { personalId: values.personalId.trim() };
    if (values.range?.[0]) next.from = values.range[0].startOf('day').toISOString();
    if (values.range?.[1]) next.to = values.range[1].endOf('day').toISOString();
    setFilter(next);
  }
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('audit')}</Typography.Title>
      <Card size="small">
        <Form layout="inline" onFinish={apply}>
          <Form.Item name="actor" label={t('actor')} htmlFor="audit-actor"><Input id="audit-actor" placeholder="CB01-0001" /></Form.Item>
          <Form.Item name="personalId" label={t('personalId')} htmlFor="audit-subject"><Input id="audit-subject" /></Form.Item>
          <Form.Item name="range" label={`${t('from')} – ${t('to')}`} htmlFor="audit-range"><DatePicker.RangePicker id={{ start: 'audit-range' }} /></Form.Item>
          <Button type="primary" htmlType="submit">{t('filter')}</Button>
        </Form>
      </Card>
      <ErrorAlert error={events.error} />
      <Typography.Text data-testid="audit-total">{events.data ? `${events.data.accessEvents.totalCount}` : ''}</Typography.Text>
      <Table
        size="small"
        loading={events.loading}
        rowKey={(e, i) => `${e.at}-${e.actor}-${e.operation}-${i}`}
        dataSource={events.data?.accessEvents.edges.map((e) => e.node) ?? []}
        scroll={{ x: true }}
        pagination={{ pageSize: 25, showSizeChanger: false }}
        columns={[
          { title: t('at'), render: (_, e) => formatDateTime(e.at, language) },
          { title: t('actor'), dataIndex: 'actor' },
          { title: t('operation'), dataIndex: 'operation' },
          { title: t('purpose'), render: (_, e) => e.purpose ?? '—' },
          { title: t('subject'), render: (_, e) => (e.subject ? (e.subject.__typename === 'Individual' ? `${e.subject.fullName} (${e.subject.personalId})` : e.subject.name) : '—') },
          { title: t('fields'), render: (_, e) => e.fields.slice(0, 6).map((f) => <Tag key={f}>{f}</Tag>) },
        ]}
      />
    </Space>
  );
}

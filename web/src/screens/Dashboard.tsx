/** The leaders' dashboard: digitizationStats (Plan 271 indicators) by province, procedure and month, in ECharts. */
import { useEffect, useRef } from 'react';
import { useQuery } from '@apollo/client/react';
import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, AriaComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { DashboardDocument, type StatsNumbersFragment } from '../gql/graphql';
import { useT } from '../i18n';
import { ErrorAlert } from '../shared';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

function Chart({ title, buckets, kind }: { title: string; buckets: StatsNumbersFragment[]; kind: 'bar' | 'line' }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, bottom: 64, top: 36 },
      xAxis: { type: 'category', data: buckets.map((b) => b.label ?? b.key), axisLabel: { rotate: buckets.length > 6 ? 30 : 0, width: 120, overflow: 'truncate' } },
      yAxis: [{ type: 'value', name: t('dossiers') }, { type: 'value', name: '%', max: 100 }],
      series: [
        { name: t('dossiersReceived'), type: kind, data: buckets.map((b) => b.dossiersReceived) },
        { name: t('dossiersOverdue'), type: kind, data: buckets.map((b) => b.dossiersOverdue) },
        { name: t('reuseRate'), type: 'line', yAxisIndex: 1, data: buckets.map((b) => Math.round(b.reuseRate * 1000) / 10) },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [buckets, kind, t]);
  return (
    <Card size="small" title={title}>
      <div ref={ref} role="img" aria-label={title} style={{ height: 280, width: '100%' }} />
    </Card>
  );
}

function BucketTable({ buckets, testId }: { buckets: StatsNumbersFragment[]; testId: string }) {
  const t = useT();
  return (
    <Table
      size="small"
      data-testid={testId}
      rowKey="key"
      pagination={false}
      scroll={{ x: true }}
      dataSource={buckets}
      columns={[
        { title: t('code'), render: (_, b) => b.label ?? b.key },
        { title: t('dossiersReceived'), dataIndex: 'dossiersReceived' },
        { title: t('dossiersOverdue'), dataIndex: 'dossiersOverdue' },
        { title: t('componentsReused'), dataIndex: 'componentsReused' },
        { title: t('componentsScanned'), dataIndex: 'componentsScanned' },
        { title: t('reuseRate'), render: (_, b) => `${(b.reuseRate * 100).toFixed(1)}%` },
      ]}
    />
  );
}

export default function DashboardScreen() {
  const t = useT();
  const { data, loading, error } = useQuery(DashboardDocument, { variables: {} });
  const s = data?.digitizationStats;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('dashboard')}</Typography.Title>
      <ErrorAlert error={error} />
      <Row gutter={12}>
        {([
          ['dossiersReceived', s?.dossiersReceived],
          ['dossiersOverdue', s?.dossiersOverdue],
          ['componentsReused', s?.componentsReused],
          ['componentsScanned', s?.componentsScanned],
        ] as const).map(([key, value]) => (
          <Col key={key} xs={12} md={5}>
            <Card size="small" loading={loading && !s}><Statistic title={t(key)} value={value ?? 0} valueRender={(node) => <span data-testid={`stat-${key}`}>{node}</span>} /></Card>
          </Col>
        ))}
        <Col xs={24} md={4}>
          <Card size="small" loading={loading && !s}>
            <Statistic title={t('reuseRate')} value={s ? (s.reuseRate * 100).toFixed(1) : 0} suffix="%" valueRender={(node) => <span data-testid="stat-reuseRate">{node}</span>} />
          </Card>
        </Col>
      </Row>
      {s && (
        <>
          <Row gutter={12}>
            <Col xs={24} lg={12}><Chart title={t('byProvince')} buckets={s.byProvince} kind="bar" /></Col>
            <Col xs={24} lg={12}><Chart title={t('byMonth')} buckets={s.byMonth} kind="line" /></Col>
          </Row>
          <Chart title={t('byProcedure')} buckets={s.byProcedure} kind="bar" />
          <Card size="small" title={t('byProvince')}><BucketTable buckets={s.byProvince} testId="table-province" /></Card>
          <Card size="small" title={t('byProcedure')}><BucketTable buckets={s.byProcedure} testId="table-procedure" /></Card>
        </>
      )}
    </Space>
  );
}

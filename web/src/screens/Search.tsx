/** One search box over the graph's `search`: purpose first, facets, highlights, paging by cursor. */
import { useContext, useState } from 'react';
import { useLazyQuery } from '@apollo/client/react';
import { Button, Card, Checkbox, Col, Empty, Form, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { SearchDocument, type SearchQuery, type SearchKind } from '../gql/graphql';
import { LanguageContext, useLabel, useT } from '../i18n';
import { purposeState } from '../session';
import { navigate } from '../route';
import { ErrorAlert, Highlight, StatusTag } from '../shared';

export const PURPOSES = [
  'Giải quyết thủ tục hành chính',
  'Tra cứu theo yêu cầu của người dân',
  'Kiểm tra, thanh tra theo quyết định',
  'Thống kê, báo cáo',
];

type Edge = SearchQuery['search']['edges'][number];

export default function SearchScreen() {
  const t = useT();
  const label = useLabel();
  const language = useContext(LanguageContext);
  const [purpose, setPurpose] = useState(purposeState.current);
  const [text, setText] = useState('');
  const [kinds, setKinds] = useState<SearchKind[]>([]);
  const [run, { data, loading, error, fetchMore, variables }] = useLazyQuery(SearchDocument, { fetchPolicy: 'network-only' });
  const [more, setMore] = useState(false);

  function search(query: string, nextKinds = kinds) {
    if (!purpose || !query.trim()) return;
    purposeState.current = purpose;
    void run({ variables: { query: query.trim(), first: 20, filter: nextKinds.length ? { kinds: nextKinds } : undefined } });
  }

  async function loadMore() {
    if (!data?.search.pageInfo.endCursor) return;
    setMore(true);
    try {
      await fetchMore({
        variables: { ...variables, after: data.search.pageInfo.endCursor },
        updateQuery: (previous, { fetchMoreResult }) => ({
          search: { ...fetchMoreResult.search, edges: [...previous.search.edges, ...fetchMoreResult.search.edges] },
        }),
      });
    } finally {
      setMore(false);
    }
  }

  const result = data?.search;
  const kindFacet = result?.facets.find((f) => f.field === 'kind');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('search')}</Typography.Title>
      <Card size="small">
        <Form layout="vertical" onFinish={() => search(text)}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item label={t('purpose')} required htmlFor="search-purpose" help={!purpose ? t('purposeRequired') : undefined}>
                <Select id="search-purpose" aria-label={t('purpose')} value={purpose || undefined} onChange={setPurpose} options={PURPOSES.map((p) => ({ value: p, label: p }))} placeholder={t('purposeRequired')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item label={t('search')} htmlFor="search-box">
                <Input.Search id="search-box" aria-label={t('search')} enterButton={t('search')} value={text} onChange={(e) => setText(e.target.value)} onSearch={(v) => search(v)} placeholder={t('searchPlaceholder')} disabled={!purpose} loading={loading} allowClear />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <ErrorAlert error={error} />
      {result && (
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Card size="small" title={t('kinds')}>
              <Checkbox.Group
                aria-label={t('kinds')}
                value={kinds}
                onChange={(v) => { setKinds(v as SearchKind[]); search(text, v as SearchKind[]); }}
                options={(kindFacet?.buckets ?? []).map((b) => ({ value: b.key.toUpperCase(), label: `${label(b.key.toUpperCase())} (${b.count})` }))}
                style={{ display: 'flex', flexDirection: 'column' }}
              />
              {result.facets.filter((f) => f.field !== 'kind').map((f) => (
                <div key={f.field} style={{ marginTop: 12 }}>
                  <Typography.Text strong>{f.field === 'province' ? t('provinces') : f.field === 'documentType' ? t('documentTypes') : f.field}</Typography.Text>
                  <div>{f.buckets.slice(0, 8).map((b) => <Tag key={b.key}>{b.key} ({b.count})</Tag>)}</div>
                </div>
              ))}
            </Card>
          </Col>
          <Col xs={24} md={18}>
            <Typography.Paragraph data-testid="search-total">
              {result.totalCount}{result.totalCountExact ? '' : '+'} {t('results')}
            </Typography.Paragraph>
            {result.edges.length === 0 ? (
              <Empty description={t('noResults')} />
            ) : (
              <List
                aria-label={t('results')}
                dataSource={result.edges}
                renderItem={(edge) => <HitItem edge={edge} language={language} />}
              />
            )}
            {result.pageInfo.hasNextPage && (
              <Button onClick={() => void loadMore()} loading={more} block>{t('loadMore')}</Button>
            )}
          </Col>
        </Row>
      )}
    </Space>
  );
}

function HitItem({ edge }: { edge: Edge; language: string }) {
  const t = useT();
  const node = edge.node;
  let title = '';
  let description = '';
  let open: (() => void) | undefined;
  switch (node.__typename) {
    case 'Individual':
      title = node.fullName;
      description = `${t('personalId')}: ${node.personalId} · ${node.dateOfBirth ?? ''} · ${node.residence?.provinceName ?? ''}`;
      open = () => navigate('person', node.personalId);
      break;
    case 'Organization':
      title = node.name;
      description = `${node.unitCode} · ${node.taxCode ?? ''}`;
      break;
    case 'DigitizedDocument':
      title = node.title;
      description = `${node.code} · ${node.documentType.name} · ${node.owner.__typename === 'Individual' ? node.owner.fullName : node.owner.name}`;
      if (node.owner.__typename === 'Individual') { const id = node.owner.personalId; open = () => navigate('person', id); }
      break;
    case 'Dossier':
      title = `${node.code} — ${node.procedure.name}`;
      description = node.applicant.__typename === 'Individual' ? node.applicant.fullName : node.applicant.name;
      { const code = node.code; open = () => navigate('dossier', code); }
      break;
  }
  return (
    <List.Item actions={open ? [<Button key="open" type="link" onClick={open} aria-label={`${t('open')} ${title}`}>{t('open')}</Button>] : []}>
      <List.Item.Meta
        title={<span>{title} {node.__typename === 'Dossier' && <StatusTag value={node.status} />}</span>}
        description={
          <>
            <div>{description}</div>
            {edge.highlights.map((h, i) => <div key={i}><Highlight text={h} /></div>)}
          </>
        }
      />
    </List.Item>
  );
}

/** Small pieces the screens share: errors, masked values, dates, status tags. */
import { useContext } from 'react';
import { Alert, Tag, Tooltip } from 'antd';
import { LanguageContext, useLabel, useT } from './i18n';
import { messageOf } from './errors';

export function ErrorAlert({ error }: { error: unknown }) {
  const language = useContext(LanguageContext);
  if (!error) return null;
  return <Alert type="error" role="alert" showIcon title={messageOf(error, language)} style={{ marginBottom: 12 }} />;
}

/** A value the policy masked keeps its mask characters; say so, so nobody reads it as data. */
export function Masked({ value }: { value: string | null | undefined }) {
  const t = useT();
  if (value == null) return <span>—</span>;
  if (/[*•]/.test(value)) {
    return (
      <Tooltip title={t('masked')}>
        <span aria-label={`${value} (${t('masked')})`} style={{ color: '#6b6b6b', fontStyle: 'italic' }}>{value} <Tag>{t('masked')}</Tag></span>
      </Tooltip>
    );
  }
  return <span>{value}</span>;
}

/** Solid tags in dark tones: white text on them passes WCAG AA (Ant Design's light preset tags do not). */
export const TAG = { green: '#237804', orange: '#ad4e00', red: '#a8071a', blue: '#0b5cab', cyan: '#006d75' };

export function StatusTag({ value }: { value: string | null | undefined }) {
  const label = useLabel();
  if (!value) return null;
  const color = ({ VALID: TAG.green, EXPIRED: TAG.orange, REVOKED: TAG.red, APPROVED: TAG.green, REJECTED: TAG.red, PROCESSING: TAG.blue, RESULT_RETURNED: TAG.cyan, REUSED: TAG.green, SCANNED: TAG.blue, NEEDS_SUPPLEMENT: TAG.orange } as Record<string, string>)[value];
  return <Tag color={color}>{label(value)}</Tag>;
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return date.toLocaleDateString(language === 'vi' ? 'vi-VN' : 'en-GB', value.length === 10 ? { timeZone: 'UTC' } : { timeZone: 'Asia/Ho_Chi_Minh' });
}

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return '—';
  return new Date(value).toLocaleString(language === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' });
}

const FINAL = new Set(['APPROVED', 'REJECTED', 'RESULT_RETURNED']);
export function isOverdue(status: string, dueAt: string): boolean {
  return !FINAL.has(status) && new Date(dueAt).getTime() < Date.now();
}

/** Highlights come as text with <em> marks: show the marks, never as HTML. */
export function Highlight({ text }: { text: string }) {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const parts = text.split(/(<em>.*?<\/em>)/g);
  return <span>{parts.map((p, i) => (p.startsWith('<em>') ? <mark key={i}>{unescape(p.slice(4, -5))}</mark> : <span key={i}>{unescape(p)}</span>))}</span>;
}

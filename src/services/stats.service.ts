/**
 * Digitization indicators for leaders (Decision 1333): dossiers received, components
 * reused versus scanned (the reuse rate, the one number that says whether the
 * warehouse works), scanned from a copy and kept on paper apart (Art. 13.3), dossiers
 * overdue, and dossiers waiting on an overdue verification (Art. 13.4). Counted by PostgreSQL, never row by row here.
 */
import type { Context } from '../context.js';
import { OfficerRole } from '../entities/enums.js';
import { badInput } from '../domain/errors.js';
import { DAY_MS, vietnamMidnight } from '../domain/dates.js';
import { checkProcedureCode } from './catalog.service.js';
import { requireRole } from './core/officers.js';
import { CLOSED } from './core/dossier-lifecycle.js';

/** How digitization indicators are broken down. */
export enum StatsDimension {
  /** Month of receipt, Vietnam time (`YYYY-MM`). */
  MONTH = 'MONTH',
  /** Province of the receiving agency. */
  PROVINCE = 'PROVINCE',
  /** Administrative procedure. */
  PROCEDURE = 'PROCEDURE',
}

/** Which dossiers the indicators count: receipt days (Vietnam, inclusive), province, procedure. */
export interface StatsQuery {
  provinceCode?: string | null;
  procedureCode?: string | null;
  from?: string | null;
  to?: string | null;
}

/** A StatsQuery after its checks: receipt instants bound the Vietnam days asked for. */
export interface CheckedStatsFilter {
  provinceCode: string | null;
  procedureCode: string | null;
  receivedFrom: Date | null;
  /** Exclusive. */
  receivedBefore: Date | null;
}

/** The indicators, for all dossiers of a filter or for one bucket of a breakdown. */
export interface IndicatorFigures {
  dossiersReceived: number;
  componentsReused: number;
  /** Scanned from the original. */
  componentsScanned: number;
  /** Fragile originals photocopied, the copy scanned (Decision 1333, Art. 13.3). */
  componentsScannedFromCopy: number;
  /** Important, fragile papers kept on paper by the approver's decision (Art. 13.3): neither reused nor scanned. */
  componentsNotDigitized: number;
  /** componentsReused / (componentsReused + componentsScanned + componentsScannedFromCopy), 0..1: papers not digitized are left out. */
  reuseRate: number;
  dossiersOverdue: number;
  /** Dossiers waiting on a verification whose answer is past its day (Art. 13.4). */
  dossiersAwaitingOverdueVerification: number;
}

/** The indicators of a filter; the breakdown applies the same filter. */
export interface Indicators extends IndicatorFigures {
  filter: CheckedStatsFilter;
}

/** The indicators of one month (`YYYY-MM`), province or procedure; the label names the province or procedure. */
export interface IndicatorBucket extends IndicatorFigures {
  key: string;
  label: string | null;
}

/** Days of receipt are Vietnam days (UTC+7 all year). */
const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

function checkFilter(filter: StatsQuery | null | undefined): CheckedStatsFilter {
  const provinceCode = filter?.provinceCode?.trim() || null;
  if (provinceCode && !/^\d{2}$/.test(provinceCode)) throw badInput(['filter', 'provinceCode'], 'Province codes are two digits, e.g. "01"');
  const procedureCode = filter?.procedureCode ? checkProcedureCode(filter.procedureCode, ['filter', 'procedureCode']) : null;
  if (filter?.from && filter.to && filter.to < filter.from) throw badInput(['filter', 'to'], `The range ends (${filter.to}) before it starts (${filter.from})`);
  return {
    provinceCode,
    procedureCode,
    receivedFrom: filter?.from ? vietnamMidnight(filter.from) : null,
    receivedBefore: filter?.to ? new Date(vietnamMidnight(filter.to).getTime() + DAY_MS) : null,
  };
}

/** What a breakdown groups by: the bucket key and its label. */
const DIMENSIONS: Record<StatsDimension, { key: string; label: string }> = {
  [StatsDimension.MONTH]: { key: `to_char(d.received_at at time zone '${VIETNAM_TIME_ZONE}', 'YYYY-MM')`, label: 'null' },
  [StatsDimension.PROVINCE]: { key: 'd.province_code', label: 'pv.name' },
  [StatsDimension.PROCEDURE]: { key: 'p.code', label: 'p.name' },
};

interface FiguresRow {
  key: string | null;
  label: string | null;
  dossiers_received: number;
  dossiers_overdue: number;
  components_reused: number;
  components_scanned: number;
  components_from_copy: number;
  components_not_digitized: number;
  dossiers_verification_overdue: number;
}

/** One aggregate query over the filtered dossiers, with their components counted per dossier; grouped when a dimension is given. */
async function aggregate(ctx: Context, filter: CheckedStatsFilter, by: StatsDimension | null): Promise<FiguresRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const condition = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (filter.provinceCode) condition('d.province_code = ?', filter.provinceCode);
  if (filter.procedureCode) condition('p.code = ?', filter.procedureCode);
  if (filter.receivedFrom) condition('d.received_at >= ?', filter.receivedFrom);
  if (filter.receivedBefore) condition('d.received_at < ?', filter.receivedBefore);
  const dimension = by ? DIMENSIONS[by] : { key: 'null', label: 'null' };
  const closed = CLOSED.map((s) => `'${s}'`).join(', ');
  const sql = `
    select ${dimension.key} as key, ${dimension.label} as label,
      count(*)::int as dossiers_received,
      (count(*) filter (where d.due_at < now() and d.status not in (${closed})))::int as dossiers_overdue,
      coalesce(sum(c.reused), 0)::int as components_reused,
      coalesce(sum(c.scanned), 0)::int as components_scanned,
      coalesce(sum(c.from_copy), 0)::int as components_from_copy,
      coalesce(sum(c.not_digitized), 0)::int as components_not_digitized,
      (count(*) filter (where d.status not in (${closed}) and exists (
        select 1 from verification v
         where v.dossier_id = d.id and v.answered_at is null and v.due_on < (now() at time zone '${VIETNAM_TIME_ZONE}')::date
      )))::int as dossiers_verification_overdue
    from dossier d
    join administrative_procedure p on p.id = d.procedure_id
    join province pv on pv.code = d.province_code
    cross join lateral (
      select count(*) filter (where dc.provision = 'REUSED') as reused, count(*) filter (where dc.provision = 'SCANNED') as scanned,
        count(*) filter (where dc.provision = 'SCANNED_FROM_COPY') as from_copy, count(*) filter (where dc.provision = 'NOT_DIGITIZED') as not_digitized
      from dossier_component dc where dc.dossier_id = d.id
    ) c
    ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
    ${by ? 'group by 1, 2 order by 1' : ''}`;
  return ctx.em.getConnection().execute<FiguresRow[]>(sql, params, 'all');
}

function figures(row: FiguresRow | undefined): IndicatorFigures {
  const reused = row?.components_reused ?? 0;
  const scanned = row?.components_scanned ?? 0;
  const fromCopy = row?.components_from_copy ?? 0;
  const digitized = reused + scanned + fromCopy;
  return {
    dossiersReceived: row?.dossiers_received ?? 0,
    componentsReused: reused,
    componentsScanned: scanned,
    componentsScannedFromCopy: fromCopy,
    componentsNotDigitized: row?.components_not_digitized ?? 0,
    reuseRate: digitized === 0 ? 0 : reused / digitized,
    dossiersOverdue: row?.dossiers_overdue ?? 0,
    dossiersAwaitingOverdueVerification: row?.dossiers_verification_overdue ?? 0,
  };
}

/** Leaders read the indicators; every officer may (partners may not). */
const READERS = Object.values(OfficerRole);

/** The indicators of the dossiers received in the filter's days, province and procedure. */
export async function digitizationStats(ctx: Context, filter: StatsQuery | null | undefined): Promise<Indicators> {
  requireRole(ctx, READERS, 'read digitization indicators');
  const checked = checkFilter(filter);
  const [row] = await aggregate(ctx, checked, null);
  return { ...figures(row), filter: checked };
}

/** The same indicators, one bucket per month, province or procedure that has dossiers. */
export async function statsBreakdown(ctx: Context, stats: Indicators, by: StatsDimension): Promise<IndicatorBucket[]> {
  const rows = await aggregate(ctx, stats.filter, by);
  return rows.map((row) => ({ ...figures(row), key: row.key ?? '', label: row.label }));
}

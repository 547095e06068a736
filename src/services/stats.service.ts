/**
 * Digitization indicators for leaders (Decision 1333): dossiers received, components
 * reused versus scanned (the reuse rate, the one number that says whether the
 * warehouse works), dossiers overdue. Counted by PostgreSQL, never row by row here.
 */
import type { Context } from '../context.js';
import { OfficerRole } from '../entities/enums.js';
import { badInput } from '../domain/errors.js';
import { DAY_MS, vietnamMidnight } from '../domain/dates.js';
import {
  DigitizationStats, DigitizationStatsBucket, StatsDimension, type CheckedStatsFilter, type DigitizationFigures, type StatsFilter,
} from '../schema/process-types.js';
import { checkProcedureCode } from './catalog.service.js';
import { requireRole } from './officers.js';
import { CLOSED } from './dossier-workflow.service.js';

/** Days of receipt are Vietnam days (UTC+7 all year). */
const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

function checkFilter(filter: StatsFilter | null | undefined): CheckedStatsFilter {
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
      coalesce(sum(c.scanned), 0)::int as components_scanned
    from dossier d
    join administrative_procedure p on p.id = d.procedure_id
    join province pv on pv.code = d.province_code
    cross join lateral (
      select count(*) filter (where dc.provision = 'REUSED') as reused, count(*) filter (where dc.provision = 'SCANNED') as scanned
      from dossier_component dc where dc.dossier_id = d.id
    ) c
    ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
    ${by ? 'group by 1, 2 order by 1' : ''}`;
  return ctx.em.getConnection().execute<FiguresRow[]>(sql, params, 'all');
}

function figures<T extends DigitizationFigures>(target: T, row: FiguresRow | undefined): T {
  const reused = row?.components_reused ?? 0;
  const scanned = row?.components_scanned ?? 0;
  return Object.assign(target, {
    dossiersReceived: row?.dossiers_received ?? 0,
    componentsReused: reused,
    componentsScanned: scanned,
    reuseRate: reused + scanned === 0 ? 0 : reused / (reused + scanned),
    dossiersOverdue: row?.dossiers_overdue ?? 0,
  });
}

/** Leaders read the indicators; every officer may (partners may not). */
const READERS = Object.values(OfficerRole);

/** The indicators of the dossiers received in the filter's days, province and procedure. */
export async function digitizationStats(ctx: Context, filter: StatsFilter | null | undefined): Promise<DigitizationStats> {
  requireRole(ctx, READERS, 'read digitization indicators');
  const checked = checkFilter(filter);
  const [row] = await aggregate(ctx, checked, null);
  return Object.assign(figures(new DigitizationStats(), row), { filter: checked });
}

/** The same indicators, one bucket per month, province or procedure that has dossiers. */
export async function statsBreakdown(ctx: Context, stats: DigitizationStats, by: StatsDimension): Promise<DigitizationStatsBucket[]> {
  const rows = await aggregate(ctx, stats.filter, by);
  return rows.map((row) => Object.assign(figures(new DigitizationStatsBucket(), row), { key: row.key ?? '', label: row.label }));
}

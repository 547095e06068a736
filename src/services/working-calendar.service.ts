/**
 * The working calendar held in the warehouse ("lịch làm việc"): the days that differ
 * from the ordinary week, year by year, which due dates count on. Seeded with the
 * government's announcements (src/catalog/working-calendar.ts), derived from the
 * Labour Code for any other year the first time a due date reaches it, and amended
 * by administrators, each amendment recorded with who, when and why.
 *
 * Amendments are not retroactive: a dossier's `dueAt` is the appointment written on
 * the receipt the applicant took home ("giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
 * computed once at reception; a later amendment changes the due dates computed after it.
 */
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context.js';
import { OfficerRole } from '../entities/enums.js';
import type { Officer } from '../entities/officer.entity.js';
import {
  CalendarAmendment, CalendarDay, CalendarDayChange, CalendarYear, type CalendarDaySnapshot,
} from '../entities/working-calendar.entity.js';
import {
  CalendarDayKind, CalendarDayOrigin, FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, WorkingCalendar, dayNumber, holidaysByLaw,
  isWeekend, isWorkingKind, isoDate, yearOf, yearsReached, type CalendarDayEntry,
} from '../domain/working-days.js';
import { SEEDED_CALENDAR, type SeededCalendarYear } from '../catalog/working-calendar.js';
import { isCalendarDate } from '../domain/dates.js';
import { DomainError, badInput } from '../domain/errors.js';
import { currentOfficer, requireRole } from './core/officers.js';
import { inTransaction } from './core/transactions.js';

// ── Loading and storing years ────────────────────────────────────────────────

const LAW_NOTE = 'Derived from the Labour Code 2019, Arts. 111–112, and the lunar calendar when first needed: no announcement was recorded for this year.';

/** Stores a year and its days unless the year is already there; concurrent first uses store it once. */
async function storeYear(em: EntityManager, year: SeededCalendarYear): Promise<boolean> {
  const connection = em.getConnection();
  const tx = em.getTransactionContext();
  const inserted = await connection.execute<{ year: number }[]>(
    'insert into calendar_year (year, origin, note) values (?, ?, ?) on conflict (year) do nothing returning year',
    [year.year, year.origin, year.note],
    'all',
    tx,
  );
  if (inserted.length === 0) return false;
  if (year.days.length > 0) {
    await connection.execute(
      `insert into calendar_day (date, kind, name, origin, source)
       select date, kind, name, origin, source
         from jsonb_to_recordset(?::jsonb) as d(date date, kind text, name text, origin text, source text)
       on conflict (date) do nothing`,
      [JSON.stringify(year.days.map(({ date, kind, name, origin, source }) => ({ date, kind, name, origin, source })))],
      'run',
      tx,
    );
  }
  return true;
}

function checkYear(year: number, argumentPath: (string | number)[]): void {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR) {
    throw badInput(argumentPath, `The working calendar covers ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}, not ${year}`);
  }
}

interface DayRow {
  year: number;
  date: string | null;
  kind: CalendarDayKind | null;
}

/**
 * The working calendar of these years, as the table holds it; a year not held yet
 * is derived from the Labour Code and stored first (one statement when every year is there).
 */
export async function loadWorkingCalendar(em: EntityManager, years: readonly number[]): Promise<WorkingCalendar> {
  const read = () =>
    em.getConnection().execute<DayRow[]>(
      `select y.year, d.date::text as date, d.kind
         from calendar_year y
         left join calendar_day d on d.date >= make_date(y.year, 1, 1) and d.date < make_date(y.year + 1, 1, 1)
        where y.year = any(?::int[])`,
      [`{${years.join(',')}}`],
      'all',
      em.getTransactionContext(),
    );
  let rows = await read();
  const missing = years.filter((y) => !rows.some((r) => r.year === y));
  if (missing.length > 0) {
    for (const year of missing) {
      checkYear(year, []);
      await storeYear(em, { year, origin: CalendarDayOrigin.LAW, note: LAW_NOTE, days: holidaysByLaw(year) });
    }
    rows = await read();
  }
  return new WorkingCalendar(
    years,
    rows.filter((r) => r.date !== null).map((r) => ({ date: r.date!, kind: r.kind! })),
  );
}

/**
 * When a dossier received at `receivedAt` with `workingDays` processing days is due:
 * 24:00 (Vietnam time) of its last working day, counted from the first working day
 * after the day of reception (src/domain/working-days.ts).
 */
export async function dueDate(em: EntityManager, receivedAt: Date, workingDays: number): Promise<{ dueOn: string; dueAt: Date }> {
  const calendar = await loadWorkingCalendar(em, yearsReached(receivedAt, workingDays));
  return calendar.dueDate(receivedAt, workingDays);
}

/** Seeds the announced years (catalog seed): a year already held, amended or not, is left as it is. */
export async function seedWorkingCalendar(em: EntityManager): Promise<number> {
  let stored = 0;
  for (const year of SEEDED_CALENDAR) if (await storeYear(em, year)) stored++;
  return stored;
}

// ── Reading ──────────────────────────────────────────────────────────────────

export interface CalendarDayView extends CalendarDayEntry {
  working: boolean;
}

export interface CalendarDayChangeView {
  date: string;
  before: CalendarDayView | null;
  after: CalendarDayView | null;
}

export interface CalendarAmendmentView {
  reason: string;
  source: string | null;
  amendedBy: Officer;
  amendedAt: Date;
  changes: CalendarDayChangeView[];
}

export interface WorkingCalendarYearView {
  year: number;
  /** Whether the table holds the year; if not, `days` are what the law gives and what will be stored when first used. */
  stored: boolean;
  origin: CalendarDayOrigin;
  note: string;
  days: CalendarDayView[];
  workingDays: number;
  amendments: CalendarAmendmentView[];
}

function view(entry: { date: string } & Omit<CalendarDaySnapshot, 'source'> & { source?: string | null }): CalendarDayView {
  return { date: entry.date, kind: entry.kind, name: entry.name, origin: entry.origin, source: entry.source ?? null, working: isWorkingKind(entry.kind) };
}

function snapshotView(date: string, snapshot: CalendarDaySnapshot | null | undefined): CalendarDayView | null {
  return snapshot ? view({ date, ...snapshot }) : null;
}

function amendmentView(amendment: CalendarAmendment, changes: readonly CalendarDayChange[]): CalendarAmendmentView {
  return {
    reason: amendment.reason,
    source: amendment.source ?? null,
    amendedBy: amendment.amendedBy.getEntity(),
    amendedAt: amendment.amendedAt,
    changes: changes.map((c) => ({ date: c.date, before: snapshotView(c.date, c.before), after: snapshotView(c.date, c.after) })),
  };
}

/** Every role reads the calendar: it is public information (partners may not: no scope opens it). */
const READERS = Object.values(OfficerRole);

/** The calendar of a year: its listed days, how many days are worked, and the amendments made to it. */
export async function workingCalendarYear(ctx: Context, year: number): Promise<WorkingCalendarYearView> {
  requireRole(ctx, READERS, 'read the working calendar');
  checkYear(year, ['year']);
  const em = ctx.em;
  const held = await em.findOne(CalendarYear, { year });
  const from = `${year}-01-01`;
  const until = `${year + 1}-01-01`;
  const days: CalendarDayView[] = held
    ? (await em.find(CalendarDay, { date: { $gte: from, $lt: until } }, { orderBy: { date: 'asc' } })).map((d) => view(d))
    : holidaysByLaw(year).map((d) => view(d));
  const calendar = new WorkingCalendar([year], days);
  let workingDays = 0;
  for (let n = dayNumber(from); n < dayNumber(until); n++) if (calendar.isWorkingDay(isoDate(n))) workingDays++;

  const changes = await em.find(
    CalendarDayChange,
    { date: { $gte: from, $lt: until } },
    { populate: ['amendment', 'amendment.amendedBy'], orderBy: { amendment: { amendedAt: 'asc' }, date: 'asc' } },
  );
  const byAmendment = new Map<string, { amendment: CalendarAmendment; changes: CalendarDayChange[] }>();
  for (const change of changes) {
    const amendment = change.amendment.getEntity();
    const group = byAmendment.get(amendment.id) ?? { amendment, changes: [] };
    group.changes.push(change);
    byAmendment.set(amendment.id, group);
  }
  return {
    year,
    stored: held !== null,
    origin: held?.origin ?? CalendarDayOrigin.LAW,
    note: held?.note ?? LAW_NOTE,
    days,
    workingDays,
    amendments: [...byAmendment.values()].map((g) => amendmentView(g.amendment, g.changes)),
  };
}

// ── Amending ─────────────────────────────────────────────────────────────────

/** One day of an amendment: what it becomes (`kind` null: an ordinary day again). */
export interface CalendarDayChangeCommand {
  date: string;
  kind?: CalendarDayKind | null;
  name?: string | null;
}

export interface AmendWorkingCalendarCommand {
  /** Why: the announcement, the correction. Recorded with the amendment. */
  reason: string;
  /** The announcement's reference, recorded as each changed day's source. */
  source?: string | null;
  changes: CalendarDayChangeCommand[];
}

const MAX_CHANGES = 60;
const MAX_REASON = 1000;
const MAX_NAME = 200;
const MAX_SOURCE = 500;

/** Blank-trimmed text within a length, or BAD_USER_INPUT. */
function text(value: string | null | undefined, argumentPath: (string | number)[], max: number, required: boolean): string | null {
  const trimmed = value?.normalize('NFC').trim() ?? '';
  if (!trimmed) {
    if (required) throw badInput(argumentPath, 'Must not be blank');
    return null;
  }
  if (trimmed.length > max) throw badInput(argumentPath, `At most ${max} characters, got ${trimmed.length}`);
  return trimmed;
}

interface CheckedChange {
  date: string;
  after: CalendarDaySnapshot | null;
}

function checkChanges(command: AmendWorkingCalendarCommand): { reason: string; source: string | null; changes: CheckedChange[] } {
  const reason = text(command.reason, ['input', 'reason'], MAX_REASON, true)!;
  const source = text(command.source, ['input', 'source'], MAX_SOURCE, false);
  if (command.changes.length === 0 || command.changes.length > MAX_CHANGES) {
    throw badInput(['input', 'changes'], `An amendment changes 1 to ${MAX_CHANGES} days, got ${command.changes.length}`);
  }
  const seen = new Set<string>();
  const changes = command.changes.map((change, i): CheckedChange => {
    const path = ['input', 'changes', i];
    if (!isCalendarDate(change.date)) throw badInput([...path, 'date'], `Not a calendar date: ${change.date}`, 'INVALID_DATE');
    checkYear(yearOf(change.date), [...path, 'date']);
    if (seen.has(change.date)) throw badInput([...path, 'date'], `${change.date} is changed twice in one amendment`);
    seen.add(change.date);
    if (!change.kind) {
      if (change.name) throw badInput([...path, 'name'], 'An ordinary day has no name: give a kind, or no name');
      return { date: change.date, after: null };
    }
    const weekend = isWeekend(change.date);
    if (change.kind === CalendarDayKind.SWAPPED_WORKING_DAY && !weekend) {
      throw badInput([...path, 'kind'], `${change.date} is a weekday, worked anyway: only a Saturday or Sunday can be a swapped working day`);
    }
    if ((change.kind === CalendarDayKind.COMPENSATORY_DAY_OFF || change.kind === CalendarDayKind.SWAPPED_DAY_OFF) && weekend) {
      throw badInput([...path, 'kind'], `${change.date} is a Saturday or Sunday, off anyway: a ${change.kind} falls on a weekday`);
    }
    const name = text(change.name, [...path, 'name'], MAX_NAME, true)!;
    return { date: change.date, after: { kind: change.kind, name, origin: CalendarDayOrigin.AMENDED, source } };
  });
  return { reason, source, changes };
}

function sameDay(a: CalendarDaySnapshot | null, b: CalendarDaySnapshot | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && a.name === b.name && (a.source ?? null) === (b.source ?? null);
}

/**
 * Changes days of the working calendar (administrators), in one transaction, and
 * records the amendment: who, when, why, each day before and after. A year not held
 * yet is first stored as the law gives it. Stored due dates do not move.
 */
export async function amendWorkingCalendar(ctx: Context, command: AmendWorkingCalendarCommand): Promise<CalendarAmendmentView> {
  requireRole(ctx, [OfficerRole.ADMIN], 'amend the working calendar');
  const checked = checkChanges(command);
  return inTransaction(ctx, async (em) => {
    const officer = await currentOfficer({ ...ctx, em }, em);
    await loadWorkingCalendar(em, [...new Set(checked.changes.map((c) => yearOf(c.date)))]);
    const dates = checked.changes.map((c) => c.date);
    // Locked: two amendments of one day wait for each other, so each records the day it really changed.
    const existing = new Map(
      (await em.find(CalendarDay, { date: { $in: dates } }, { lockMode: LockMode.PESSIMISTIC_WRITE })).map((d) => [d.date, d]),
    );
    const now = new Date();
    const amendment = em.create(CalendarAmendment, { reason: checked.reason, source: checked.source, amendedBy: officer, amendedAt: now });
    const changes: CalendarDayChange[] = [];
    checked.changes.forEach((change, i) => {
      const row = existing.get(change.date);
      const before: CalendarDaySnapshot | null = row ? { kind: row.kind, name: row.name, origin: row.origin, source: row.source ?? null } : null;
      if (sameDay(before, change.after)) {
        throw new DomainError('INVALID_ARGUMENT', `${change.date} is already ${before ? `${before.kind} "${before.name}"` : 'an ordinary day'}: nothing to change`, {
          argumentPath: ['input', 'changes', i],
        });
      }
      if (change.after === null) em.remove(row!);
      else if (row) Object.assign(row, change.after);
      else em.create(CalendarDay, { date: change.date, ...change.after });
      changes.push(em.create(CalendarDayChange, { amendment, date: change.date, before, after: change.after }));
    });
    await em.flush();
    return amendmentView(amendment, changes);
  });
}

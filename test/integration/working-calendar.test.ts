/**
 * The working calendar in the warehouse, through the graph and the process: the
 * seeded 2026 and 2027 years, due dates counted on the table (Tết 2026, 30 April–1
 * May 2026, a swapped Saturday), an administrator's amendment that moves the due
 * dates computed after it and not the ones already given, the refusals, and the
 * portal events that carry the due date.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from '@mikro-orm/postgresql';
import { HANOI_OFFICER } from '../helpers/app.js';
import { failure, newCitizen, startProcessApp, type ProcessApp } from './process-fixtures.js';
import { Dossier } from '../../src/entities/dossier.entity.js';
import { AdministrativeProcedure } from '../../src/entities/procedure.entity.js';
import { Individual } from '../../src/entities/individual.entity.js';
import { Officer } from '../../src/entities/officer.entity.js';
import { PortalSyncEvent } from '../../src/entities/portal-sync-event.entity.js';
import { DossierStatus, SubmissionChannel } from '../../src/entities/enums.js';
import { openDossier } from '../../src/services/core/dossier-write.js';
import { moveDossier } from '../../src/services/core/dossier-lifecycle.js';
import { dueDate } from '../../src/services/working-calendar.service.js';
import { loadEvents } from '../../src/portal-sync/event.js';
import { SEEDED_CALENDAR } from '../../src/catalog/working-calendar.js';
import { WorkingCalendar, addDays, holidaysByLaw, lunarNewYear } from '../../src/domain/working-days.js';

let t: ProcessApp;
let applicant: { personalId: string };
beforeAll(async () => {
  t = await startProcessApp();
  applicant = await newCitizen(t);
});
afterAll(() => t.close());

/** An instant in Vietnam time. */
const vn = (local: string) => new Date(`${local}+07:00`);

/** Opens a dossier as the Hà Nội receiving officer at a given instant (the service behind receiveDossier), in its own transaction. */
async function openAt(at: Date, procedureCode = '1.001939'): Promise<{ code: string; dueAt: Date }> {
  return t.app.orm.em.fork().transactional(async (em) => {
    const tx = em as EntityManager;
    const procedure = await tx.findOneOrFail(AdministrativeProcedure, { code: procedureCode });
    const officer = await tx.findOneOrFail(Officer, { code: HANOI_OFFICER.RECEIVING_OFFICER }, { populate: ['agency'] });
    const individual = await tx.findOneOrFail(Individual, { personalId: applicant.personalId });
    const dossier = await openDossier(tx, {
      procedure, applicant: individual, channel: SubmissionChannel.IN_PERSON, agency: officer.agency.getEntity(), by: officer, idempotencyKey: randomUUID(), at,
    });
    return { code: dossier.code, dueAt: dossier.dueAt };
  });
}

async function storedDueAt(code: string): Promise<Date> {
  return (await t.app.orm.em.fork().findOneOrFail(Dossier, { code })).dueAt;
}

const YEAR = `query($year: Int!) {
  workingCalendar(year: $year) {
    year stored origin note workingDays
    days { date working kind name origin source }
    amendments { reason source amendedBy { code } amendedAt changes { date before { kind name origin } after { kind name origin source working } } }
  }
}`;
const AMEND = `mutation($input: AmendWorkingCalendarInput!) {
  amendWorkingCalendar(input: $input) {
    reason source amendedBy { code agencyCode } amendedAt
    changes { date before { date kind name origin } after { date kind name origin source working } }
  }
}`;

async function calendarRows(): Promise<unknown[]> {
  return t.app.orm.em.fork().getConnection().execute(
    `select 'day' as t, date::text, kind, name, origin, source from calendar_day
     union all select 'amendment', id::text, reason, null, null, source from calendar_amendment order by 1, 2`,
  );
}

describe('the seeded working calendar', () => {
  it('holds 2026 as announced, with its sources, and 2027 as the law gives it', async () => {
    const res = await t.graphql(YEAR, { year: 2026 }, t.as.receiving);
    if (res.errors) throw failure(res);
    const year = res.data.workingCalendar;
    expect(year).toMatchObject({ year: 2026, stored: true, origin: 'ANNOUNCED', workingDays: 250 });
    const seeded = SEEDED_CALENDAR.find((y) => y.year === 2026)!.days;
    expect(year.days).toEqual(seeded.map((d) => ({ ...d, working: d.kind === 'SWAPPED_WORKING_DAY' })));
    expect(year.days.filter((d: any) => d.working).map((d: any) => d.date)).toEqual(['2026-01-10', '2026-08-22']);
    expect(year.days.find((d: any) => d.date === '2026-02-17')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', source: 'Ministry of Home Affairs notice 9441/TB-BNV, 16/10/2025' });

    const next = (await t.graphql(YEAR, { year: 2027 }, t.as.approver)).data.workingCalendar;
    expect(next).toMatchObject({ year: 2027, stored: true, origin: 'LAW', workingDays: 250 });
    expect(next.note).toMatch(/No government announcement for 2027 was found/);
    expect(next.days.find((d: any) => d.date === '2027-02-06')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', origin: 'LAW' });
  });

  it('shows a year no due date has reached as the law gives it, without storing it', async () => {
    const before = await calendarRows();
    const res = await t.graphql(YEAR, { year: 2093 }, t.as.auditor);
    if (res.errors) throw failure(res);
    expect(res.data.workingCalendar).toMatchObject({ year: 2093, stored: false, origin: 'LAW', amendments: [] });
    expect(res.data.workingCalendar.days.length).toBeGreaterThanOrEqual(10);
    expect(await calendarRows()).toEqual(before);
  });

  it('refuses callers without a token, and years it does not cover', async () => {
    const anonymous = await t.graphql(YEAR, { year: 2026 }, null);
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const past = await t.graphql(YEAR, { year: 1800 }, t.as.receiving);
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['year'] });
  });
});

describe('due dates counted on the table', () => {
  it.each([
    ['across Tết 2026', '2026-02-13T10:00', 5, '2026-02-27'],
    ['across 30 April–1 May 2026', '2026-04-28T14:00', 5, '2026-05-07'],
    ['across Hùng Kings and 30 April–1 May 2026', '2026-04-24T11:00', 3, '2026-05-04'],
    ['onto the swapped working Saturday 10 January 2026', '2026-01-08T10:00', 2, '2026-01-10'],
    ['across Tết 2027 (derived)', '2027-02-04T10:00', 1, '2027-02-12'],
  ])('%s: received %s, %i working days, due at the end of %s', async (_what, received, days, lastDay) => {
    const em = t.app.orm.em.fork() as EntityManager;
    const due = await dueDate(em, vn(received), days);
    expect(due).toEqual({ dueOn: lastDay, dueAt: new Date(`${lastDay}T17:00:00.000Z`) });
  });

  it('gives a received dossier its due date: 1.001939 (5 working days) received the Friday before Tết 2026', async () => {
    const dossier = await openAt(vn('2026-02-13T10:00'));
    expect(dossier.dueAt.toISOString()).toBe('2026-02-27T17:00:00.000Z');
    expect(await storedDueAt(dossier.code)).toEqual(dossier.dueAt);
    const res = await t.graphql(`query($code: String!) { dossier(code: $code) { dueAt dueOn } }`, { code: dossier.code }, t.as.receiving);
    expect(res.data.dossier).toEqual({ dueAt: '2026-02-27T17:00:00.000Z', dueOn: '2026-02-27' });
  });

  it('stores a year the first time a due date reaches it, from the law', async () => {
    const em = t.app.orm.em.fork() as EntityManager;
    await em.getConnection().execute(`delete from calendar_day where date >= '2091-01-01' and date < '2092-01-01'`);
    await em.getConnection().execute('delete from calendar_year where year = 2091');
    expect((await t.graphql(YEAR, { year: 2091 }, t.as.receiving)).data.workingCalendar.stored).toBe(false);

    // Received the day before Tết 2091, one working day: past the Tết holidays the law gives.
    const tet = lunarNewYear(2091);
    const due = await dueDate(em, vn(`${addDays(tet, -2)}T10:00`), 1);
    expect(due).toEqual(new WorkingCalendar([2091], holidaysByLaw(2091)).dueDate(vn(`${addDays(tet, -2)}T10:00`), 1));
    expect(due.dueOn > addDays(tet, 3)).toBe(true);

    const stored = (await t.graphql(YEAR, { year: 2091 }, t.as.receiving)).data.workingCalendar;
    expect(stored).toMatchObject({ stored: true, origin: 'LAW' });
    expect(stored.days.map((d: any) => [d.date, d.kind, d.origin])).toEqual(holidaysByLaw(2091).map((d) => [d.date, d.kind, 'LAW']));
  });
});

describe('amendWorkingCalendar', () => {
  const CULTURE_DAY = {
    reason: 'Politburo Resolution 80-NQ/TW: 24 November is Vietnam Culture Day, a paid day off (test: as if Article 112 had been amended)',
    source: 'Resolution 80-NQ/TW, 7/1/2026',
    changes: [{ date: '2026-11-24', kind: 'PUBLIC_HOLIDAY', name: 'Ngày Văn hóa Việt Nam (Vietnam Culture Day)' }],
  };

  it('refuses officers who are not administrators, and bad changes, changing nothing', async () => {
    const before = await calendarRows();
    const notAdmin = await t.graphql(AMEND, { input: CULTURE_DAY }, t.as.approver);
    expect(notAdmin.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const bad: Array<[Record<string, unknown>, (string | number)[]]> = [
      [{ ...CULTURE_DAY, reason: '   ' }, ['input', 'reason']],
      [{ ...CULTURE_DAY, changes: [] }, ['input', 'changes']],
      [{ ...CULTURE_DAY, changes: [{ date: '2026-11-24', kind: 'SWAPPED_WORKING_DAY', name: 'a Tuesday worked' }] }, ['input', 'changes', 0, 'kind']],
      [{ ...CULTURE_DAY, changes: [{ date: '2026-11-28', kind: 'SWAPPED_DAY_OFF', name: 'a Saturday off' }] }, ['input', 'changes', 0, 'kind']],
      [{ ...CULTURE_DAY, changes: [{ date: '2026-11-24', kind: 'PUBLIC_HOLIDAY' }] }, ['input', 'changes', 0, 'name']],
      [{ ...CULTURE_DAY, changes: [CULTURE_DAY.changes[0], CULTURE_DAY.changes[0]] }, ['input', 'changes', 1, 'date']],
      [{ ...CULTURE_DAY, changes: [{ date: '1850-11-24', kind: 'PUBLIC_HOLIDAY', name: 'x' }] }, ['input', 'changes', 0, 'date']],
      // Already so: nothing to change.
      [{ ...CULTURE_DAY, changes: [{ date: '2026-11-25' }] }, ['input', 'changes', 0]],
    ];
    for (const [input, argumentPath] of bad) {
      const res = await t.graphql(AMEND, { input }, t.as.admin);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath });
    }
    const badDate = await t.graphql(AMEND, { input: { ...CULTURE_DAY, changes: [{ date: '2026-02-30', kind: 'PUBLIC_HOLIDAY', name: 'x' }] } }, t.as.admin);
    expect(badDate.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await calendarRows()).toEqual(before);
  });

  it('moves the due dates computed after it, not the ones already given, and is recorded: who, when, why', async () => {
    // Received on Friday 20 November 2026 with 5 working days: due Friday 27 November.
    const earlier = await openAt(vn('2026-11-20T09:00'));
    expect(earlier.dueAt.toISOString()).toBe('2026-11-27T17:00:00.000Z');

    const started = Date.now();
    const res = await t.graphql(AMEND, { input: CULTURE_DAY }, t.as.admin);
    if (res.errors) throw failure(res);
    const amendment = res.data.amendWorkingCalendar;
    expect(amendment).toMatchObject({
      reason: CULTURE_DAY.reason,
      source: CULTURE_DAY.source,
      amendedBy: { code: HANOI_OFFICER.ADMIN, agencyCode: '000.00.01.H41' },
      changes: [{
        date: '2026-11-24',
        before: null,
        after: { date: '2026-11-24', kind: 'PUBLIC_HOLIDAY', name: 'Ngày Văn hóa Việt Nam (Vietnam Culture Day)', origin: 'AMENDED', source: CULTURE_DAY.source, working: false },
      }],
    });
    expect(Date.parse(amendment.amendedAt)).toBeGreaterThanOrEqual(started - 1000);

    let back: { data?: any; errors?: any[]; internal?: string[] };
    try {
      // The same reception after the amendment: Tuesday 24 November is off, so due Monday 30 November.
      const later = await openAt(vn('2026-11-20T09:00'));
      expect(later.dueAt.toISOString()).toBe('2026-11-30T17:00:00.000Z');
      // The appointment already given does not move.
      expect((await storedDueAt(earlier.code)).toISOString()).toBe('2026-11-27T17:00:00.000Z');

      const year = (await t.graphql(YEAR, { year: 2026 }, t.as.receiving)).data.workingCalendar;
      expect(year.workingDays).toBe(249);
      expect(year.days.find((d: any) => d.date === '2026-11-24')).toMatchObject({ kind: 'PUBLIC_HOLIDAY', origin: 'AMENDED', working: false });
      expect(year.amendments.at(-1)).toMatchObject({ reason: CULTURE_DAY.reason, amendedBy: { code: HANOI_OFFICER.ADMIN }, changes: [{ date: '2026-11-24', before: null }] });
    } finally {
      // Back to an ordinary day (the shared test database stays as seeded), itself recorded.
      back = await t.graphql(AMEND, { input: { reason: 'test: undo the Culture Day amendment', changes: [{ date: '2026-11-24' }] } }, t.as.admin);
    }
    if (back.errors) throw failure(back);
    expect(back.data.amendWorkingCalendar.changes).toEqual([
      { date: '2026-11-24', before: { date: '2026-11-24', kind: 'PUBLIC_HOLIDAY', name: 'Ngày Văn hóa Việt Nam (Vietnam Culture Day)', origin: 'AMENDED' }, after: null },
    ]);
    expect((await openAt(vn('2026-11-20T09:00'))).dueAt.toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });

  it('records a swap as one amendment of two days', async () => {
    const swap = {
      reason: 'test: a swap, Friday 7 December 2091 off for Saturday 15 December worked',
      changes: [
        { date: '2091-12-07', kind: 'SWAPPED_DAY_OFF', name: 'test swap: Friday off' },
        { date: '2091-12-15', kind: 'SWAPPED_WORKING_DAY', name: 'test swap: Saturday worked' },
      ],
    };
    const res = await t.graphql(AMEND, { input: swap }, t.as.admin);
    if (res.errors) throw failure(res);
    expect(res.data.amendWorkingCalendar.changes.map((c: any) => [c.date, c.after.kind, c.after.working])).toEqual([
      ['2091-12-07', 'SWAPPED_DAY_OFF', false],
      ['2091-12-15', 'SWAPPED_WORKING_DAY', true],
    ]);
    const em = t.app.orm.em.fork() as EntityManager;
    // Thursday 6 December 2091 + 1 working day: Friday 7 is off, Saturday 8 and Sunday 9 too: Monday 10.
    expect((await dueDate(em, vn('2091-12-06T10:00'), 1)).dueOn).toBe('2091-12-10');
    // Friday 14 December + 1: the swapped Saturday 15 is worked.
    expect((await dueDate(em, vn('2091-12-14T10:00'), 1)).dueOn).toBe('2091-12-15');
  });
});

describe('portal status events', () => {
  it('carry the due date, and say whether the change came after it', async () => {
    // Received 2 November 2026 (Monday), 3 working days for 1.002759: due Thursday 5 November.
    const dossier = await openAt(vn('2026-11-02T09:00'), '1.002759');
    expect(dossier.dueAt.toISOString()).toBe('2026-11-05T17:00:00.000Z');
    // A step within the time, then one after it.
    await t.app.orm.em.fork().transactional(async (em) => {
      const row = await em.findOneOrFail(Dossier, { code: dossier.code });
      moveDossier(em as EntityManager, row, DossierStatus.DIGITIZING, null, 'in time', vn('2026-11-05T16:00'));
      moveDossier(em as EntityManager, row, DossierStatus.PROCESSING, null, 'late', vn('2026-11-06T08:00'));
    });
    const em = t.app.orm.em.fork() as EntityManager;
    const outbox = await em.find(PortalSyncEvent, { dossier: { code: dossier.code } }, { orderBy: { id: 'asc' } });
    const events = (await loadEvents(em, outbox.map((e) => e.id))).map((e) => e.event);
    expect(events.map((e) => [e.to, e.dossier.dueAt, e.overdue])).toEqual([
      [DossierStatus.RECEIVED, '2026-11-05T17:00:00.000Z', false],
      [DossierStatus.DIGITIZING, '2026-11-05T17:00:00.000Z', false],
      [DossierStatus.PROCESSING, '2026-11-05T17:00:00.000Z', true],
    ]);
  });
});

/**
 * The working calendar as announced, for the years the catalog seeds. Loaded once
 * into `calendar_day` (when the year is not there yet: an administrator's later
 * amendments are never overwritten); every other year is derived from the Labour
 * Code's rules the first time a due date reaches it (src/domain/working-days.ts).
 *
 * Sources, searched on 2026-12-04:
 * - 2026, New Year: Government Office letter 12729/VPCP-KGVX of 25 December 2025 (Deputy
 *   Prime Minister Phạm Thị Thanh Trà agrees to the Ministry of Home Affairs' plan):
 *   off Thursday 1 to Sunday 4 January, Friday 2 January swapped with Saturday 10 January
 *   (reported by Vietnam Social Security, baohiemxahoi.gov.vn, 25/12/2025).
 * - 2026, Tết and National Day: Ministry of Home Affairs notice 9441/TB-BNV of 16 October
 *   2025, after the Prime Minister's agreement: Tết off Monday 16 (29th of the 12th lunar
 *   month) to Friday 20 February; National Day off Tuesday 1 and Wednesday 2 September,
 *   Monday 31 August swapped with Saturday 22 August (vietbao.vn 17/10/2025;
 *   kienthuc.net.vn and thanhnien.vn 13/10/2025).
 * - 2026, Hùng Kings (Sunday 26 April, 10th of the 3rd lunar month) with its compensating
 *   Monday 27 April, and 30 April–1 May on Thursday and Friday with no swap: the Labour
 *   Code's rules, no swap announced (thanhnien.vn 23/02/2026).
 * - 2027: no announcement was found (Tết 2027 falls on Saturday 6 February). The days are
 *   derived from the Labour Code's rules and marked LAW; an administrator records the
 *   announcement with `amendWorkingCalendar` when it is published.
 */
import { CalendarDayKind, CalendarDayOrigin, WorkingCalendar, holidaysByLaw, type CalendarDayEntry } from '../domain/working-days.js';

export interface SeededCalendarYear {
  year: number;
  /** ANNOUNCED when the days are the government's; LAW when derived for want of an announcement. */
  origin: CalendarDayOrigin;
  note: string;
  days: CalendarDayEntry[];
}

const NEW_YEAR_2026 = 'Government Office letter 12729/VPCP-KGVX, 25/12/2025';
const NOTICE_9441 = 'Ministry of Home Affairs notice 9441/TB-BNV, 16/10/2025';
const LABOUR_CODE = 'Labour Code 2019, Art. 112(1)';

function day(date: string, kind: CalendarDayKind, name: string, source: string): CalendarDayEntry {
  return { date, kind, name, origin: CalendarDayOrigin.ANNOUNCED, source };
}

const { PUBLIC_HOLIDAY: HOLIDAY, COMPENSATORY_DAY_OFF: COMPENSATION, SWAPPED_DAY_OFF: SWAP_OFF, SWAPPED_WORKING_DAY: SWAP_WORK } = CalendarDayKind;

export const SEEDED_CALENDAR: readonly SeededCalendarYear[] = [
  {
    year: 2026,
    origin: CalendarDayOrigin.ANNOUNCED,
    note: `As announced: ${NEW_YEAR_2026}; ${NOTICE_9441}; the Labour Code for the other holidays.`,
    days: [
      day('2026-01-01', HOLIDAY, 'Tết Dương lịch (New Year)', LABOUR_CODE),
      day('2026-01-02', SWAP_OFF, 'Tết Dương lịch: Friday off, worked on Saturday 10 January', NEW_YEAR_2026),
      day('2026-01-10', SWAP_WORK, 'Tết Dương lịch: Saturday worked for Friday 2 January', NEW_YEAR_2026),
      day('2026-02-16', HOLIDAY, 'Tết Nguyên đán (Lunar New Year): 29th of the 12th lunar month', NOTICE_9441),
      day('2026-02-17', HOLIDAY, 'Tết Nguyên đán (Lunar New Year): day 1', NOTICE_9441),
      day('2026-02-18', HOLIDAY, 'Tết Nguyên đán (Lunar New Year): day 2', NOTICE_9441),
      day('2026-02-19', HOLIDAY, 'Tết Nguyên đán (Lunar New Year): day 3', NOTICE_9441),
      day('2026-02-20', HOLIDAY, 'Tết Nguyên đán (Lunar New Year): day 4', NOTICE_9441),
      day('2026-04-26', HOLIDAY, 'Giỗ Tổ Hùng Vương (Hùng Kings Commemoration), 10th day of the 3rd lunar month', LABOUR_CODE),
      day('2026-04-27', COMPENSATION, 'Nghỉ bù (compensating day off) for Giỗ Tổ Hùng Vương, Sunday 26 April', 'Labour Code 2019, Art. 111(3)'),
      day('2026-04-30', HOLIDAY, 'Ngày Chiến thắng (Reunification Day)', LABOUR_CODE),
      day('2026-05-01', HOLIDAY, 'Ngày Quốc tế Lao động (International Labour Day)', LABOUR_CODE),
      day('2026-08-22', SWAP_WORK, 'Quốc khánh: Saturday worked for Monday 31 August', NOTICE_9441),
      day('2026-08-31', SWAP_OFF, 'Quốc khánh: Monday off, worked on Saturday 22 August', NOTICE_9441),
      day('2026-09-01', HOLIDAY, 'Quốc khánh (National Day): adjacent day', NOTICE_9441),
      day('2026-09-02', HOLIDAY, 'Quốc khánh (National Day)', NOTICE_9441),
    ],
  },
  {
    year: 2027,
    origin: CalendarDayOrigin.LAW,
    note: 'No government announcement for 2027 was found (searched 2026-12-04): derived from the Labour Code 2019, Arts. 111–112, and the lunar calendar.',
    days: holidaysByLaw(2027),
  },
];

/**
 * The calendar of the years `first` to `last` as a fresh warehouse holds it before any
 * amendment: the seeded years as above, the others as the law gives them. The demo
 * and bench generators count due dates on it, as the service would.
 */
export function seededWorkingCalendar(first: number, last: number): WorkingCalendar {
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const seeded = new Map(SEEDED_CALENDAR.map((y) => [y.year, y.days]));
  return new WorkingCalendar(years, years.flatMap((year) => seeded.get(year) ?? holidaysByLaw(year)));
}

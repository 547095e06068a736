/**
 * The part of date-chinese's API this project uses. The package ships types in
 * `types/index.d.ts`, but its `exports` map names none, so NodeNext resolution cannot find them.
 */
declare module 'date-chinese' {
  export interface GregorianDate {
    year: number;
    month: number;
    day: number;
  }

  export class CalendarChinese {
    set(cycle: number, year: number, month: number, leap: number, day: number): this;
    fromJDE(jde: number): this;
    toJDE(gyear?: number): number;
    toGregorian(gyear?: number): GregorianDate;
  }

  /** The Chinese calendar computed at UTC+7 (UTC+8 before 1968). */
  export class CalendarVietnamese extends CalendarChinese {}
}

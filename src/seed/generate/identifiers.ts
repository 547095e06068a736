/** Identifiers, unique by construction; per-agency-per-day sequences. */
import { formatDigitizationCode, formatDossierCode } from '../../domain/codes.js';
import { buildPersonalId, taxCodeCheckDigit } from '../../domain/identifiers.js';
import { documentSequenceScope, dossierSequenceScope } from '../../domain/sequence-scopes.js';
import type { Gender } from '../vietnamese-names.js';

/** FNV-1a, for per-key offsets of the scrambles. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A bijection of [0, modulus): (index × multiplier + offset) mod modulus, with the
 * multiplier coprime to the modulus. Distinct counters give distinct, scattered values.
 */
function scramble(index: number, modulus: number, multiplier: number, offset: number): number {
  if (index >= modulus) throw new RangeError(`identifier space of ${modulus} exhausted`);
  return (index * multiplier + (offset % modulus)) % modulus;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Tax-code province prefixes (demo): "01" Hà Nội and "03" TP HCM as in real codes; elsewhere the province code. */
function taxCodePrefix(provinceCode: string): string {
  return provinceCode === '79' ? '03' : provinceCode;
}

const UNIT_CODE_SPACE = 26 * 26 * 10_000 * 26;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Hands out identifiers that never repeat within one allocator: personal IDs,
 * social insurance codes, household codes, unit codes, tax codes. Memory: one
 * counter per prefix (at most a few tens of thousands), not one entry per value.
 * Share one allocator across calls that must not collide.
 */
export class IdentifierAllocator {
  private readonly counters = new Map<string, number>();

  private take(key: string): number {
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    return n;
  }

  /** 12 digits: birth-registration prefix, century-and-sex digit, two-digit year, six scrambled digits. */
  personalId(prefix: string, birthYear: number, gender: Gender): string {
    const key = `pid:${prefix}:${birthYear}:${gender}`;
    const six = scramble(this.take(key), 1_000_000, 389_117, hash32(key));
    return buildPersonalId(prefix, birthYear, gender, pad(six, 6));
  }

  /** 10 digits: the province of first registration, then eight scrambled digits (demo layout). */
  socialInsuranceCode(provinceCode: string): string {
    const key = `si:${provinceCode}`;
    return `${provinceCode}${pad(scramble(this.take(key), 100_000_000, 27_644_437, hash32(key)), 8)}`;
  }

  /** `HG<province><8 digits>` (demo; the real format is unknown, domain.md). */
  householdCode(provinceCode: string): string {
    const key = `hh:${provinceCode}`;
    return `HG${provinceCode}${pad(scramble(this.take(key), 100_000_000, 30_000_007, hash32(key)), 8)}`;
  }

  /** Shaped like `TA1234A`: two letters, four digits, one letter (demo; opaque upper-case). */
  unitCode(): string {
    let v = scramble(this.take('unit'), UNIT_CODE_SPACE, 48_271, 7_777_777);
    const a = LETTERS[v % 26]!;
    v = Math.floor(v / 26);
    const b = LETTERS[v % 26]!;
    v = Math.floor(v / 26);
    const digits = pad(v % 10_000, 4);
    v = Math.floor(v / 10_000);
    return `${a}${b}${digits}${LETTERS[v % 26]!}`;
  }

  /** 10 digits with a valid check digit; candidates whose check digit would be 10 are skipped. */
  taxCode(provinceCode: string): string {
    const prefix = taxCodePrefix(provinceCode);
    const key = `tax:${prefix}`;
    for (;;) {
      const first9 = `${prefix}${pad(scramble(this.take(key), 10_000_000, 1_234_567, hash32(key)), 7)}`;
      const check = taxCodeCheckDigit(first9);
      if (check !== null) return `${first9}${check}`;
    }
  }
}

/**
 * Per-scope counters behind dossier and digitization codes, one per agency and
 * Vietnam-local day (scopes from domain/sequence-scopes.ts, as the services use).
 */
export class SequenceBook {
  private readonly last = new Map<string, number>();

  next(scope: string): number {
    const n = (this.last.get(scope) ?? 0) + 1;
    this.last.set(scope, n);
    return n;
  }

  dossierCode(agencyCode: string, instant: Date): string {
    return formatDossierCode(agencyCode, instant, this.next(dossierSequenceScope(agencyCode, instant)));
  }

  documentCode(agencyCode: string, documentTypeCode: string, instant: Date): string {
    return formatDigitizationCode(agencyCode, documentTypeCode, instant, this.next(documentSequenceScope(agencyCode, instant)));
  }

  /** Every scope used, with the highest sequence handed out. */
  entries(): IterableIterator<[string, number]> {
    return this.last.entries();
  }
}

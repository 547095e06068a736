/**
 * The error reference is complete and current: every reason of src/domain/errors.ts
 * has both messages, its fields and an enum value in the emitted schema, and the
 * checked-in docs/errors.md is what `npm run errors:doc` writes today.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType } from 'graphql';
import { ERROR_CODES } from '../../src/domain/errors.js';
import { CODE_REFERENCE, ERROR_REFERENCE, LANGUAGES, interpolate, languageOf, reasonMessage } from '../../src/domain/error-reference.js';
import { ERROR_REFERENCE_FILE, renderErrorReference } from '../../src/http/error-reference-doc.js';

/** The reasons as src/domain/errors.ts declares them (the union's string members), read from the source. */
function declaredReasons(): string[] {
  const source = readFileSync('src/domain/errors.ts', 'utf8');
  const union = source.slice(source.indexOf('export type ErrorReason ='), source.indexOf('export function codeOf'));
  return [...union.matchAll(/\|\s*'([A-Z_]+)'/g)].map((m) => m[1]);
}

describe('error reference', () => {
  const reasons = declaredReasons();

  it('reads the reasons from the source', () => {
    expect(reasons.length).toBeGreaterThan(40);
    expect(reasons).toContain('INVALID_TRANSITION');
  });

  it('has an entry for every reason, and no other', () => {
    expect(Object.keys(ERROR_REFERENCE).sort()).toEqual([...reasons].sort());
  });

  it.each(reasons)('%s has a message in every language, distinct per language, naming only its declared fields', (reason) => {
    const entry = ERROR_REFERENCE[reason as keyof typeof ERROR_REFERENCE];
    for (const language of LANGUAGES) {
      expect(entry.message[language]?.trim()).toBeTruthy();
      const named = [...entry.message[language].matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const field of named) expect(entry.fields).toContain(field);
    }
    expect(entry.message.vi).not.toBe(entry.message.en);
  });

  it('has both languages for every code', () => {
    for (const code of ERROR_CODES) {
      for (const language of LANGUAGES) expect(CODE_REFERENCE[code][language]?.trim()).toBeTruthy();
    }
  });

  it('is in the emitted schema as the enums ErrorReason and ErrorCode', () => {
    const schema = buildSchema(readFileSync('src/schema/schema.graphql', 'utf8'));
    const reasonEnum = schema.getType('ErrorReason');
    const codeEnum = schema.getType('ErrorCode');
    if (!isEnumType(reasonEnum) || !isEnumType(codeEnum)) throw new Error('ErrorReason and ErrorCode must be enums of the schema');
    expect(reasonEnum.getValues().map((v) => v.name).sort()).toEqual([...reasons].sort());
    expect(codeEnum.getValues().map((v) => v.name).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('docs/errors.md is current (run npm run errors:doc) and lists every reason', () => {
    const checkedIn = readFileSync(ERROR_REFERENCE_FILE, 'utf8');
    expect(checkedIn).toBe(renderErrorReference());
    for (const reason of reasons) expect(checkedIn).toContain(`| \`${reason}\` |`);
  });

  it('fills fields in and leaves out bracketed parts whose field is absent', () => {
    expect(interpolate('Sai[: {argumentPath}]', { argumentPath: ['input', 'applicant', 'personalId'] })).toBe('Sai: input.applicant.personalId');
    expect(interpolate('Sai[: {argumentPath}]', {})).toBe('Sai');
    expect(reasonMessage('COMPONENTS_MISSING', 'vi', { missing: ['TK1', 'GKS'] })).toBe('Hồ sơ còn thiếu thành phần bắt buộc: TK1, GKS');
    expect(reasonMessage('INVALID_TRANSITION', 'en', { currentStatus: 'APPROVED' })).toBe('The dossier is APPROVED; see Dossier.allowedTransitions');
  });

  it('picks the language from Accept-Language, Vietnamese by default', () => {
    expect(languageOf(undefined)).toBe('vi');
    expect(languageOf('')).toBe('vi');
    expect(languageOf('fr-FR, de')).toBe('vi');
    expect(languageOf('en')).toBe('en');
    expect(languageOf('en-US,en;q=0.9')).toBe('en');
    expect(languageOf('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(languageOf('vi;q=0.5, en;q=0.8')).toBe('en');
    expect(languageOf('en;q=0, vi')).toBe('vi');
  });
});

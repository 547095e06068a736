/**
 * Extracted data ("bóc tách dữ liệu", Circular 01/2023 Art. 9) must satisfy
 * its document type's JSON Schema. Every violation is listed with its path.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { DocumentType } from '../entities/document-type.entity.js';
import { DomainError } from '../domain/errors.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** Compiled validators by document type code and schema, compiled once per process. */
const compiled = new Map<string, { schema: unknown; validate: ValidateFunction }>();

function validatorFor(type: DocumentType): ValidateFunction {
  const cached = compiled.get(type.code);
  if (cached && cached.schema === type.metadataSchema) return cached.validate;
  const validate = ajv.compile(type.metadataSchema);
  compiled.set(type.code, { schema: type.metadataSchema, validate });
  return validate;
}

export interface MetadataViolation {
  /** JSON Pointer into the metadata, e.g. `/dateOfBirth`. */
  path: string;
  message: string;
}

export function metadataViolations(type: DocumentType, metadata: unknown): MetadataViolation[] {
  const validate = validatorFor(type);
  if (validate(metadata)) return [];
  return (validate.errors ?? []).map((e) => ({
    path: e.keyword === 'required' ? `${e.instancePath}/${(e.params as { missingProperty: string }).missingProperty}` : e.instancePath || '/',
    message: e.message ?? 'is invalid',
  }));
}

/** Throws INVALID_METADATA listing every violation when `metadata` does not fit the type's schema. */
export function checkMetadata(type: DocumentType, metadata: unknown, argumentPath: (string | number)[]): void {
  const violations = metadataViolations(type, metadata);
  if (violations.length > 0) {
    throw new DomainError(
      'INVALID_METADATA',
      `The metadata does not fit document type ${type.code}: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`,
      { argumentPath, violations },
    );
  }
}

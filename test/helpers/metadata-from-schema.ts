/**
 * A value that fits a JSON Schema, read from the graph (a document type's
 * `metadataSchema`): what a front-end form would send. Required properties only;
 * a property whose name is a known fact about the applicant (`hints`: fullName,
 * personalId...) gets that fact when it fits. Patterns are filled by fast-check's
 * `stringMatching`, and the whole value is checked with Ajv like the server does.
 */
import fc from 'fast-check';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = Record<string, any>;

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

const today = () => new Date().toISOString().slice(0, 10);

function fits(schema: Schema, value: unknown): boolean {
  return ajv.validate(schema, value) as boolean;
}

function stringFor(schema: Schema, seed: number): string {
  if (schema.format === 'date') return today();
  if (schema.format === 'date-time') return new Date().toISOString();
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern, 'u');
    for (let attempt = 0; attempt < 50; attempt++) {
      const [candidate] = fc.sample(fc.stringMatching(pattern), { numRuns: 1, seed: seed + attempt });
      // Printable ASCII only: the input boundary refuses control characters, as it should.
      if (/^[\x20-\x7e]*$/.test(candidate) && fits(schema, candidate)) return candidate;
    }
    throw new Error(`no sample for pattern ${schema.pattern}`);
  }
  const base = 'Giá trị mẫu';
  const min = schema.minLength ?? 0;
  const text = base.length >= min ? base : base.padEnd(min, 'x');
  return schema.maxLength ? text.slice(0, schema.maxLength) : text;
}

export function valueFor(schema: Schema, hints: Record<string, unknown> = {}, seed = 1): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties: Record<string, Schema> = schema.properties ?? {};
      for (const key of schema.required ?? []) {
        const property = properties[key] ?? { type: 'string' };
        out[key] = key in hints && fits(property, hints[key]) ? hints[key] : valueFor(property, hints, seed + key.length);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, (_, i) => valueFor(schema.items ?? { type: 'string' }, hints, seed + i));
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      return schema.maximum !== undefined ? Math.min(min, schema.maximum) : min;
    }
    case 'boolean':
      return true;
    default:
      return stringFor(schema, seed);
  }
}

/** Metadata for a document type's schema; throws (naming the violations) when the generator could not fit it. */
export function metadataFor(schema: Schema, hints: Record<string, unknown>): Record<string, unknown> {
  const value = valueFor(schema, hints) as Record<string, unknown>;
  if (!fits(schema, value)) throw new Error(`generated metadata does not fit its schema: ${ajv.errorsText()}: ${JSON.stringify(value)}`);
  return value;
}

/**
 * The error model in the schema: `extensions.code` and `extensions.reason` as
 * enums a client generates types from, and the reference of every reason
 * (the same table docs/errors.md is written from: src/domain/error-reference.ts).
 */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ERROR_CODES, type ErrorCode as ErrorCodeValue, type ErrorReason as ErrorReasonValue } from '../domain/errors.js';
import { CODE_REFERENCE, ERROR_REFERENCE } from '../domain/error-reference.js';
import type { ErrorReferenceEntry } from '../http/errors.js';

const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const ErrorCode = enumOf(ERROR_CODES);
export const ErrorReason = enumOf(Object.keys(ERROR_REFERENCE) as ErrorReasonValue[]);

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Values of `extensions.code` that the API sets itself (GraphQL and HTTP errors); see docs/errors.md.',
  valuesConfig: Object.fromEntries(ERROR_CODES.map((c) => [c, { description: CODE_REFERENCE[c].en }])),
});
registerEnumType(ErrorReason, {
  name: 'ErrorReason',
  description: 'Values of `extensions.reason`: the stable cause of an error; see docs/errors.md.',
  valuesConfig: Object.fromEntries(Object.entries(ERROR_REFERENCE).map(([r, ref]) => [r, { description: ref.message.en }])),
});

@ObjectType({ description: 'One error reason: its code, HTTP status, messages and the extension fields it carries.' })
export class ErrorReasonReference {
  @Field(() => ErrorReason) reason!: ErrorReasonValue;
  @Field(() => ErrorCode) code!: ErrorCodeValue;
  @Field(() => Int, { description: 'HTTP status when the error answers the whole request (before or outside execution).' }) httpStatus!: number;
  @Field({ description: 'Message template in Vietnamese ({field} names an extension field).' }) vi!: string;
  @Field({ description: 'Message template in English.' }) en!: string;
  @Field(() => [String], { description: 'Extension fields it may carry besides code and reason.' }) fields!: string[];

  static of(entry: ErrorReferenceEntry): ErrorReasonReference {
    return Object.assign(new ErrorReasonReference(), { ...entry, vi: entry.message.vi, en: entry.message.en, fields: [...entry.fields] });
  }
}

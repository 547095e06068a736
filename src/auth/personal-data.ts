/**
 * Personal-data fields (Decree 13/2023/NĐ-CP): shown in clear only to viewers
 * whose work needs them, masked otherwise, and every clear read is recorded.
 */
import { UseMiddleware, type MiddlewareFn } from 'type-graphql';
import type { Context } from '../context.js';
import { canReadPersonalData } from './viewer.js';
import type { SubjectKind } from './access-recorder.js';

/** How a value is masked: keep the ends of an identifier, keep nothing of the rest. */
export type MaskStyle = 'id' | 'code' | 'hidden';

export function maskValue(value: string, style: MaskStyle): string | null {
  switch (style) {
    case 'id':
      return value.length > 5 ? `${value.slice(0, 3)}${'*'.repeat(value.length - 5)}${value.slice(-2)}` : '*'.repeat(value.length);
    case 'code':
      return value.length > 2 ? `${'*'.repeat(value.length - 2)}${value.slice(-2)}` : '*'.repeat(value.length);
    case 'hidden':
      return null;
  }
}

/** The owner of a personal field: an entity with an id whose class names its kind. */
function subjectKindOf(root: object): SubjectKind {
  return root.constructor.name === 'Organization' ? 'ORGANIZATION' : 'INDIVIDUAL';
}

export function personalDataMiddleware(style: MaskStyle, subjectOf?: (root: any) => { kind: SubjectKind; id: string } | null): MiddlewareFn<Context> {
  return async ({ root, context, info }, next) => {
    const value = await next();
    if (value === null || value === undefined) return value;
    if (!canReadPersonalData(context.viewer)) {
      return typeof value === 'string' ? maskValue(value, style) : null;
    }
    const subject = subjectOf ? subjectOf(root) : { kind: subjectKindOf(root), id: (root as { id: string }).id };
    if (subject) context.audit.reveal(subject.kind, subject.id, info.fieldName);
    return value;
  };
}

/** Marks a field of an individual (or organization) as personal data. */
export function PersonalData(style: MaskStyle): PropertyDecorator & MethodDecorator {
  return UseMiddleware(personalDataMiddleware(style));
}

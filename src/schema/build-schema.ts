/** The code-first schema: every resolver, the scalars of the contract, and the rules that apply to all fields. */
import { buildSchema, type AuthChecker, type MiddlewareFn } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import type { Context } from '../context.js';
import { DateTimeScalar } from './scalars.js';
import { DomainError } from '../domain/errors.js';
import { hasRole } from '../auth/viewer.js';
import type { OfficerRole } from '../entities/enums.js';
import { RESOLVERS } from '../resolvers/index.js';
import { personalDataMiddleware } from '../auth/personal-data.js';

/** Root fields need a caller; nested fields are reached only through a root field. */
const requireCaller: MiddlewareFn<Context> = ({ context, info }, next) => {
  const root = info.parentType.name;
  if ((root === 'Query' || root === 'Mutation') && context.viewer.kind === 'anonymous') {
    throw new DomainError('UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <token>" (officers) or "X-Api-Key" (partners)');
  }
  return next();
};

/** `@Authorized(roles)`: the officer must hold one of the roles. */
const authChecker: AuthChecker<Context, OfficerRole> = ({ context }, roles) => {
  if (context.viewer.kind === 'anonymous') throw new DomainError('UNAUTHENTICATED', 'Sign in first');
  if (roles.length === 0 || hasRole(context.viewer, roles)) return true;
  throw new DomainError('FORBIDDEN', `This needs one of the roles ${roles.join(', ')}`);
};

export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: RESOLVERS,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    authChecker,
    // Every field the policy lists as personal is masked or recorded here (src/auth/personal-data-policy.ts).
    globalMiddlewares: [requireCaller, personalDataMiddleware],
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}

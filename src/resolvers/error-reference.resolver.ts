import { Query, Resolver } from 'type-graphql';
import { ErrorReasonReference } from '../schema/errors.types.js';
import { errorReferenceEntries } from '../http/errors.js';

@Resolver()
export class ErrorReferenceResolver {
  @Query(() => [ErrorReasonReference], { description: 'Every error reason with its code, HTTP status, messages and extension fields (as docs/errors.md).' })
  errorReference(): ErrorReasonReference[] {
    return errorReferenceEntries().map(ErrorReasonReference.of);
  }
}

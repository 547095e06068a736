import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../context.js';
import { ChildHealthInsuranceCard, RegisterBirthInput } from '../schema/birth-registration.types.js';
import { childHealthInsuranceCard, registerBirth } from '../services/birth-registration.service.js';

/** Birth registration interlinked with the child's health insurance card (Decision 3509/QĐ-BHXH pilot). */
@Resolver()
export class BirthRegistrationResolver {
  @Mutation(() => ChildHealthInsuranceCard, {
    description: 'The Ministry of Justice pushes a birth certificate: the child, a social insurance code and the health insurance card dossier, resolved automatically when the rules hold. The same certificate number changes nothing.',
  })
  registerBirth(@Ctx() ctx: Context, @Arg('input', () => RegisterBirthInput) input: RegisterBirthInput): Promise<ChildHealthInsuranceCard> {
    return registerBirth(ctx, input);
  }

  @Query(() => ChildHealthInsuranceCard, { nullable: true, description: 'The health insurance card issued from a birth certificate, or why it waits.' })
  childHealthInsuranceCard(@Ctx() ctx: Context, @Arg('birthCertificateNumber') birthCertificateNumber: string): Promise<ChildHealthInsuranceCard | null> {
    return childHealthInsuranceCard(ctx, birthCertificateNumber);
  }
}

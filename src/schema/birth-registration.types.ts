/**
 * The electronic birth certificate the Ministry of Justice pushes (Decision 3509/QĐ-BHXH
 * pilot, step 2), and what the portal sees of the child's health insurance card.
 */
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { Length, MaxLength } from 'class-validator';
import { TEXT_MAX_LENGTH } from '../domain/text.js';
import { Gender } from '../entities/enums.js';
import { Individual } from '../entities/individual.entity.js';
import { Dossier } from '../entities/dossier.entity.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { DateScalar } from './scalars.js';
import { BIRTH_FORM_MAX_LENGTH, ChildCardStatus, type BirthChild, type BirthParent, type ChildCard, type RegisterBirthCommand } from '../services/birth-registration.service.js';

export { ChildCardStatus };

@InputType({ description: 'The child as registered ("người được khai sinh").' })
export class BirthChildInput implements BirthChild {
  @Field({ description: 'Personal identification number issued at registration (12 digits).' }) personalId!: string;

  @Field()
  @Length(1, TEXT_MAX_LENGTH.personName)
  fullName!: string;

  @Field(() => DateScalar) dateOfBirth!: string;
  @Field(() => Gender) gender!: Gender;

  @Field(() => String, { nullable: true })
  @MaxLength(BIRTH_FORM_MAX_LENGTH.placeOfBirth)
  placeOfBirth?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(BIRTH_FORM_MAX_LENGTH.ethnicity)
  ethnicity?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(BIRTH_FORM_MAX_LENGTH.nationality)
  nationality?: string | null;
}

@InputType({ description: 'A parent as written on the birth certificate.' })
export class BirthParentInput implements BirthParent {
  @Field()
  @Length(1, TEXT_MAX_LENGTH.personName)
  fullName!: string;

  @Field(() => String, { nullable: true }) personalId?: string | null;
}

@InputType({ description: 'An electronic birth certificate pushed by the Ministry of Justice, with the family\'s declaration (form 01).' })
export class RegisterBirthInput implements RegisterBirthCommand {
  @Field({ description: 'Number of the birth certificate ("số giấy khai sinh"): the same number never registers twice.' })
  @Length(1, BIRTH_FORM_MAX_LENGTH.birthCertificateNumber)
  birthCertificateNumber!: string;

  @Field(() => DateScalar, { description: 'Day of registration.' }) registeredOn!: string;

  @Field({ description: 'Registering authority ("nơi đăng ký khai sinh"), e.g. "UBND phường Ba Đình".' })
  @Length(1, BIRTH_FORM_MAX_LENGTH.registrationAuthority)
  registrationAuthority!: string;

  @Field(() => BirthChildInput) child!: BirthChildInput;
  @Field(() => BirthParentInput, { nullable: true }) father?: BirthParentInput | null;
  @Field(() => BirthParentInput, { nullable: true }) mother?: BirthParentInput | null;

  @Field(() => String, { nullable: true, description: 'Household code the family declared ("mã hộ gia đình").' })
  householdCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Commune of permanent residence ("nơi thường trú").' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Initial health-care facility chosen for the child; default: the commune health station.' })
  @MaxLength(BIRTH_FORM_MAX_LENGTH.initialClinic)
  initialClinic?: string | null;
}

registerEnumType(ChildCardStatus, { name: 'ChildCardStatus', description: "Where a child's health insurance card stands." });

@ObjectType({ description: "A child's health insurance card issued from the birth registration (Decision 3509/QĐ-BHXH), or why it waits." })
export class ChildHealthInsuranceCard implements ChildCard {
  /** The child: the subject of the card's personal fields (src/auth/personal-data-policy.ts). */
  childId!: string;

  @Field() birthCertificateNumber!: string;
  @Field(() => ChildCardStatus) status!: ChildCardStatus;

  @Field(() => String, { nullable: true, description: 'TE1<province><social insurance code>; masked unless the viewer may read personal data.' })
  cardNumber!: string | null;

  @Field(() => DateScalar, { nullable: true }) validFrom!: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'The day before the sixth birthday.' }) validTo!: string | null;
  @Field(() => String, { nullable: true, description: 'Why an officer must act, while the card waits.' }) waitingReason!: string | null;

  @Field(() => Individual) child!: Individual;
  @Field(() => DigitizedDocument, { description: 'The pushed birth certificate, reused by the dossier.' }) birthCertificate!: DigitizedDocument;
  @Field(() => Dossier) dossier!: Dossier;
  @Field(() => DigitizedDocument, { nullable: true, description: 'The card, a warehouse document owned by the child.' }) card!: DigitizedDocument | null;
}

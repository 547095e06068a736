import { Migration } from '@mikro-orm/migrations';

export class Migration20261125074631_social_insurance_code_sequence extends Migration {

  override name = 'Migration20261125074631_social_insurance_code_sequence';

  override up(): void | Promise<void> {
    // Social insurance codes the warehouse issues itself (children registered at birth): 10 digits,
    // in a block no province-prefixed code uses (see domain/identifiers.ts, ISSUED_SOCIAL_INSURANCE_CODES).
    this.addSql(`create sequence "social_insurance_code_seq" as bigint minvalue 9900000001 maxvalue 9999999999 start 9900000001 no cycle;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop sequence if exists "social_insurance_code_seq";`);
  }

}

import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { DocumentType } from '../entities/document-type.entity.js';
import { AdministrativeProcedure, RequiredComponent } from '../entities/procedure.entity.js';
import * as catalog from '../services/catalog.service.js';
import { ProcessingDaysKind } from '../schema/process.types.js';

@Resolver(() => AdministrativeProcedure)
export class ProcedureResolver {
  @Query(() => [AdministrativeProcedure], { description: 'The procedures of the national catalog that VSS handles.' })
  procedures(@Ctx() ctx: Context): Promise<AdministrativeProcedure[]> {
    return catalog.listProcedures(ctx);
  }

  @Query(() => AdministrativeProcedure, { nullable: true })
  procedure(@Ctx() ctx: Context, @Arg('code') code: string): Promise<AdministrativeProcedure | null> {
    return catalog.findProcedure(ctx, code);
  }

  @FieldResolver(() => [RequiredComponent])
  async requiredComponents(@Root() procedure: AdministrativeProcedure): Promise<RequiredComponent[]> {
    return (await procedure.requiredComponents.load()).getItems();
  }

  @FieldResolver(() => DocumentType, {
    nullable: true,
    description: 'The type of the paper an approval issues (its metadataSchema says what resolveDossier\'s resultMetadata must hold); null when the result is not a document.',
  })
  resultDocumentType(@Root() procedure: AdministrativeProcedure, @Ctx() ctx: Context): Promise<DocumentType | null> {
    return catalog.resultDocumentType(ctx, procedure);
  }

  @FieldResolver(() => ProcessingDaysKind, { description: 'What processingDays counts: working days.' })
  processingDaysKind(): ProcessingDaysKind {
    return ProcessingDaysKind.WORKING_DAYS;
  }
}

@Resolver(() => DocumentType)
export class DocumentTypeResolver {
  @Query(() => [DocumentType], { description: 'The kinds of paper the warehouse holds.' })
  documentTypes(@Ctx() ctx: Context): Promise<DocumentType[]> {
    return catalog.listDocumentTypes(ctx);
  }
}

@Resolver(() => RequiredComponent)
export class RequiredComponentResolver {
  @FieldResolver(() => DocumentType)
  documentType(@Root() component: RequiredComponent, @Ctx() ctx: Context): Promise<DocumentType> {
    return ctx.catalog.documentType(component.documentType);
  }
}

import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Context } from '../context.js';
import { DigitizedDocument } from '../entities/digitized-document.entity.js';
import { DocumentType } from '../entities/document-type.entity.js';
import { Dossier } from '../entities/dossier.entity.js';
import { Officer } from '../entities/officer.entity.js';
import { Party } from '../schema/warehouse.types.js';
import { findDocument } from '../services/document-query.service.js';
import { documentMetadata, documentOwner, documentFile, documentSignature } from '../services/document-view.service.js';
import { loadOptional } from '../db/refs.js';
import { DocumentSignature, StoredFileView } from '../schema/warehouse.types.js';

@Resolver(() => DigitizedDocument)
export class DigitizedDocumentResolver {
  @Query(() => DigitizedDocument, { nullable: true, description: 'A warehouse document by its digitization result code.' })
  document(@Ctx() ctx: Context, @Arg('code') code: string): Promise<DigitizedDocument | null> {
    return findDocument(ctx, code);
  }

  @FieldResolver(() => DocumentType)
  documentType(@Root() document: DigitizedDocument, @Ctx() ctx: Context): Promise<DocumentType> {
    return ctx.catalog.documentType(document.documentType);
  }

  @FieldResolver(() => Party)
  owner(@Root() document: DigitizedDocument) {
    return documentOwner(document);
  }

  @FieldResolver(() => GraphQLJSONObject, {
    description: "Data extracted from the paper, valid against the type's metadataSchema. Keys whose schema says `x-personal-data` are masked unless the viewer may read personal data: strings masked, other values null.",
  })
  metadata(@Root() document: DigitizedDocument): Record<string, unknown> {
    return documentMetadata(document);
  }

  @FieldResolver(() => StoredFileView, { nullable: true })
  file(@Root() document: DigitizedDocument, @Ctx() ctx: Context): Promise<StoredFileView | null> {
    return documentFile(ctx, document);
  }

  @FieldResolver(() => DocumentSignature, { nullable: true })
  signature(@Root() document: DigitizedDocument, @Ctx() ctx: Context): Promise<DocumentSignature | null> {
    return documentSignature(ctx, document);
  }

  @FieldResolver(() => Officer, { nullable: true })
  digitizedBy(@Root() document: DigitizedDocument): Promise<Officer | null> {
    return loadOptional(document.digitizedBy);
  }

  @FieldResolver(() => Dossier, { nullable: true, description: 'The dossier during which this document entered the warehouse.' })
  originDossier(@Root() document: DigitizedDocument): Promise<Dossier | null> {
    return loadOptional(document.originDossier);
  }
}

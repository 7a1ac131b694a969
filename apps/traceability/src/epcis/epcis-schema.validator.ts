import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '@app/contracts';
import { readSchemaFile } from './schema-files';

/**
 * GS1's EPCIS 2.0 JSON Schema (draft-07, as the schema declares), compiled once. Structural
 * validity only; what the document says about our lots is checked by the capture service.
 */
export class EpcisSchemaValidator {
  private readonly validate: ValidateFunction;

  constructor() {
    const ajv = new Ajv({ allErrors: false, strict: false, validateFormats: true });
    addFormats(ajv);
    this.validate = ajv.compile(readSchemaFile('EPCIS-JSON-Schema.json') as object);
  }

  /** Field errors (JSON pointers into the document) or an empty list. */
  check(document: unknown): FieldError[] {
    if (this.validate(document)) return [];
    return (this.validate.errors ?? []).slice(0, 20).map((e: ErrorObject) => ({
      field: `document${e.instancePath.replace(/\//g, '.')}`,
      message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'} (EPCIS 2.0 JSON Schema ${e.schemaPath})`,
      messageVi: `${e.instancePath || '/'} không đúng lược đồ JSON EPCIS 2.0 (${e.schemaPath})`,
    }));
  }
}

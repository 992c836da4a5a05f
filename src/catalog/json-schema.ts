/** @module Catalog: the JSON Schemas editors use for autocompletion, generated from the zod definitions. */
import * as z from 'zod';
import { CatalogFileAsWritten, ClarionConfig } from './schema.ts';

export const CATALOG_SCHEMA_FILE = 'catalog.schema.json';
export const CONFIG_SCHEMA_FILE = 'clarion.config.schema.json';

/** File name → JSON Schema; `io: 'input'` because authors write the input side (defaults optional). */
export function catalogJsonSchemas(): Record<string, unknown> {
  return {
    [CATALOG_SCHEMA_FILE]: {
      ...z.toJSONSchema(CatalogFileAsWritten, { io: 'input', unrepresentable: 'any' }),
      title: 'Clarion alert catalog file',
    },
    [CONFIG_SCHEMA_FILE]: {
      ...z.toJSONSchema(ClarionConfig, { io: 'input', unrepresentable: 'any' }),
      title: 'Clarion configuration',
    },
  };
}

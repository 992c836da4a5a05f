import { describe, expect, it } from 'vitest';
import { CATALOG_SCHEMA_FILE, catalogJsonSchemas } from '../../src/catalog/json-schema.ts';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  description?: string;
}

/** The entry's schema node, as an editor walks it from `entries` for autocompletion. */
function entrySchema(): SchemaNode {
  const file = catalogJsonSchemas()[CATALOG_SCHEMA_FILE] as SchemaNode;
  return file.properties!.entries!.items!;
}

describe('Catalog: the JSON Schema editors complete from', () => {
  it('offers the past-tense title next to the title, with its description', () => {
    // Act
    const titleWhenFixed = entrySchema().properties?.titleWhenFixed;

    // Assess
    expect(titleWhenFixed?.description).toMatch(/past tense/);
  });

  it('offers the past-tense summary inside impact, with its description', () => {
    // Act
    const summaryWhenFixed = entrySchema().properties?.impact?.properties?.summaryWhenFixed;

    // Assess
    expect(summaryWhenFixed?.description).toMatch(/past tense/);
  });
});

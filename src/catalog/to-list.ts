/** @module Catalog: reads a `name` / `glob` field, which authors may write as one value or a list. */
export function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

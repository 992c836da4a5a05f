import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/adapters/read-catalog-dir.ts';
import type { CatalogRuntime } from '../../src/catalog/catalog-runtime.ts';
import { HOSTILE_TEXTS, ROOT, checkPipeline, propertyRuns } from './pipeline-checks.ts';

let runtime: CatalogRuntime;
beforeAll(async () => {
  runtime = (await openCatalog(path.join(ROOT, 'alert-catalog'), { lint: false })).runtime;
});

/** JSON with any UTF-16 text, lone surrogates included, and the hostile strings among the leaves. */
const json = fc.jsonValue({ stringUnit: 'binary', maxDepth: 6 });
const leaf = fc.oneof(json, fc.constantFrom(...HOSTILE_TEXTS));

/** A value wrapped in thousands of lists or objects, as `JSON.parse` accepts. */
const deep = fc.tuple(fc.integer({ min: 20, max: 12_000 }), fc.boolean(), leaf).map(([depth, asObject, inner]) => {
  let value: unknown = inner;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
});

/** The ways a value reaches the processor: bare, as EventBridge `detail`, in an SQS or SNS batch, as text. */
const delivered = fc.oneof(
  fc.oneof(json, deep, leaf),
  fc.record({ version: fc.constant('0'), id: fc.string({ unit: 'binary' }), 'detail-type': fc.oneof(fc.string({ unit: 'binary' }), leaf), source: fc.oneof(fc.constant('aws.cloudwatch'), fc.string({ unit: 'binary' })), detail: fc.oneof(json, deep, leaf) }),
  fc.array(fc.oneof(json, leaf), { maxLength: 5 }).map((bodies) => ({ Records: bodies.map((body, i) => ({ messageId: `m${i}`, eventSource: 'aws:sqs', body: typeof body === 'string' ? body : JSON.stringify(body) })) })),
  fc.array(fc.oneof(json, leaf), { maxLength: 5 }).map((messages) => ({ Records: messages.map((m, i) => ({ EventSource: 'aws:sns', Sns: { Type: 'Notification', MessageId: `s${i}`, Subject: m, Message: typeof m === 'string' ? m : JSON.stringify(m) } })) })),
);

describe('Property: any JSON through normalize → match → enrich → render', () => {
  it('never throws, gives every event a signal and an outcome, and every message stays within Slack limits and inert', () => {
    // Act & Assess: fast-check runs every case and reports the smallest one that breaks a property
    fc.assert(
      fc.property(delivered, (raw) => {
        expect(checkPipeline(raw, runtime)).toEqual([]);
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});

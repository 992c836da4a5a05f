/** @module Stage 1, normalize: zod building blocks that tolerate AWS adding, dropping or retyping fields. */
import { z } from 'zod';

/*
 * A wrongly typed optional field must not sink the whole event: it reads as absent instead
 * (`.catch(undefined)`), and unknown fields pass through (`z.looseObject`).
 */

/** An optional string; any other type reads as absent. */
export const optionalString = z.string().optional().catch(undefined);

/** An optional number; numeric strings are accepted because several AWS payloads quote numbers. */
export const optionalNumber = z
  .union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/).transform(Number)])
  .pipe(z.number().refine(Number.isFinite))
  .optional()
  .catch(undefined);

/** An optional JSON object; any other type reads as absent. */
export const optionalObject = z.record(z.string(), z.unknown()).optional().catch(undefined);

/** An optional array of anything; each element is checked by the reader that uses it. */
export const optionalArray = z.array(z.unknown()).optional().catch(undefined);

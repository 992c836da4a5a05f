/** @module CLI: a mistake in how the command was called (exit code 2). */
import { ClarionError } from '../core/clarion-error.ts';

export class UsageError extends ClarionError {}

/** @module Core errors: the base every named Clarion error extends, so each carries a standard `cause` and its own name. */

export class ClarionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Taken from the class actually constructed, so subclasses need not repeat it. This relies on
    // bundles keeping class names: SST's esbuild always sets keepNames, and tsx does too.
    this.name = new.target.name;
  }
}

/** @module Catalog: the catalog as handlers read it, with the status page's address filled in where the configuration sets none (the deployed page on AWS, the local stack's /status). */
import type { CatalogRuntime } from './catalog-runtime.ts';

/*
 * Remembered per runtime object: the stages cache work per runtime (maintenance indexes, silence
 * indexes), so handing them a fresh copy on every read would throw that work away.
 */
const copies = new WeakMap<CatalogRuntime, { url: string; runtime: CatalogRuntime }>();

/** `runtime` with `config.statusPage.url` set to `url`, unless the configuration names its own (or there is no url). */
export function withStatusPageUrl(runtime: CatalogRuntime, url: string | undefined): CatalogRuntime {
  if (url === undefined || runtime.config.statusPage?.url !== undefined) return runtime;
  const known = copies.get(runtime);
  if (known?.url === url) return known.runtime;
  const copy: CatalogRuntime = { ...runtime, config: { ...runtime.config, statusPage: { ...runtime.config.statusPage, url } } };
  copies.set(runtime, { url, runtime: copy });
  return copy;
}

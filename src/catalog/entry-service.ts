/** @module Catalog (services): which service of the configuration an entry belongs to, and the load-time check that every `service` names one, reported with `file:line:col`. */
import type { CatalogProblem } from './catalog-problem.ts';
import type { LocatedEntry } from './load-catalog.ts';
import type { CatalogEntry, ClarionConfig, ServiceConfig } from './schema.ts';
import type { ParsedYaml } from './yaml-source.ts';

/** The entry's own `service`, else the service that lists its group; undefined when it belongs to none. */
export function serviceOf(entry: Pick<CatalogEntry, 'service' | 'group'>, services: readonly ServiceConfig[]): ServiceConfig | undefined {
  if (entry.service !== undefined) return services.find((s) => s.id === entry.service);
  if (entry.group === undefined) return undefined;
  return services.find((s) => s.groups.includes(entry.group!));
}

/** An entry naming a service nobody configured would silently drop off the status page, so it is an error at its `service`. */
export function checkEntryServices(entries: readonly LocatedEntry[], config: ClarionConfig): CatalogProblem[] {
  const known = config.services.map((s) => s.id);
  return entries.flatMap((located) => {
    const id = located.entry.service;
    if (id === undefined || known.includes(id)) return [];
    const listed = known.length > 0 ? `configured: ${known.join(', ')}` : 'the configuration has no services';
    return [located.source.problemAt(['entries', located.index, 'service'], `unknown service "${id}"; ${listed}`)];
  });
}

/** Within the configuration: service ids are unique, and a group belongs to one service at most (else an entry's service would depend on list order). */
export function checkServicesConfig(config: ClarionConfig, parsed: ParsedYaml): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const ids = new Map<string, number>();
  const groups = new Map<string, string>();
  config.services.forEach((service, i) => {
    if (ids.has(service.id)) problems.push(parsed.problemAt(['services', i, 'id'], `duplicate service id "${service.id}"`));
    else ids.set(service.id, i);
    service.groups.forEach((group, j) => {
      const owner = groups.get(group);
      if (owner !== undefined && owner !== service.id) problems.push(parsed.problemAt(['services', i, 'groups', j], `group "${group}" already belongs to service "${owner}"`));
      else groups.set(group, service.id);
    });
  });
  return problems;
}

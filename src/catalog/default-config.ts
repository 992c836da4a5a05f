/** @module Catalog: the embedded configuration used when no `clarion.config.yaml` exists. */
import { ClarionConfig } from './schema.ts';

/** Three audiences, one channel each, London time: enough to run locally with no set-up. */
export const DEFAULT_CONFIG: ClarionConfig = ClarionConfig.parse({
  timeZone: 'Europe/London',
  serviceName: 'the service',
  audiences: {
    techies: { template: 'techies', channel: '#alerts-techies', description: 'Engineers on call' },
    'product-leads': { template: 'product-leads', channel: '#alerts-product', description: 'Product leads' },
    'local-office': { template: 'local-office', channel: '#alerts-local-offices', description: 'Local-office administrators' },
  },
});

/** @module Infrastructure (functions): what every Clarion Lambda shares — runtime, architecture, logs, bundling and the compiled catalog. */
import { COMPILED_CATALOG } from './catalog.ts';
import { settings } from './settings.ts';

export const common = {
  runtime: 'nodejs22.x',
  architecture: 'arm64',
  logging: { retention: settings.logRetention, format: 'json' },
  nodejs: { format: 'esm', minify: true, splitting: true },
  copyFiles: [{ from: COMPILED_CATALOG, to: 'alert-catalog.json' }],
  environment: { POWERTOOLS_LOG_LEVEL: settings.production ? 'INFO' : 'DEBUG' },
} satisfies Partial<sst.aws.FunctionArgs>;

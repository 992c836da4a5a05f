// Lint configuration: typescript-eslint's recommended rules over every TypeScript file, plus the one-way layers of
// issue 10 (imports point down) and the pure core (no I/O, no clock, no chance).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Each layered folder and the folders it may import besides itself, lowest layer first. An import into any other
// folder named here (or into an unlayered one) points up or sideways and fails.
const pipelineMayImport = ['src/core', 'src/state', 'src/slack', 'src/sources', 'src/catalog', 'templates', 'src/slo'];
// What the history says (status page, report, recap, clarity answers): read by the processor, the interactions and the edges.
const historyMayImport = [...pipelineMayImport, 'src/pipeline'];
const adaptersMayImport = [...pipelineMayImport, 'src/pipeline', 'src/history', 'src/processor', 'src/interactions'];
const composeMayImport = [...adaptersMayImport, 'src/adapters'];
const entriesMayImport = [...composeMayImport, 'src/compose'];
const mayImport = {
  'src/core': [],
  'src/state': ['src/core'],
  'src/slack': ['src/core'],
  'src/sources': ['src/core', 'src/slack'],
  'src/catalog': ['src/core', 'src/sources', 'src/slack'],
  templates: ['src/core', 'src/slack', 'src/catalog', 'src/slo'],
  // SLO maths and words: read by the pipeline (figures), the templates (words), the CLI and infra (alarms).
  'src/slo': ['src/core', 'src/slack', 'src/catalog'],
  'src/pipeline': pipelineMayImport,
  'src/history': historyMayImport,
  'src/processor': [...pipelineMayImport, 'src/pipeline', 'src/history'],
  'src/interactions': [...pipelineMayImport, 'src/pipeline', 'src/history'],
  'src/adapters': adaptersMayImport,
  'src/compose': composeMayImport,
  functions: entriesMayImport,
  'src/local': [...entriesMayImport, 'functions'], // it runs the real Lambda handlers
  'src/cli': [...entriesMayImport, 'src/local'], // `clarion start` starts the local stack
};
// These may import anything, but nothing layered may import them.
const unlayered = ['bench', 'test', 'infra', 'bin'];
// The folders whose code does the same thing on every run given the same input: I/O and time come in through ports.
const pure = ['src/core', 'src/state', 'src/slack', 'src/sources', 'src/catalog', 'src/slo', 'templates', 'src/pipeline', 'src/history', 'src/processor', 'src/interactions'];

// A relative specifier that lands in `folder`. Written as the code writes them, from any depth: '../pipeline/x.ts'
// from src/*, '../../src/pipeline/x.ts' from templates/parts, '../../templates/index.ts' from src/*/*.
const into = (folder) => `^(?:\\.\\./)+${folder.startsWith('src/') ? `(?:src/)?${folder.slice(4)}` : folder}(?:/|$)`;
// A specifier with a detour ('./../', '/./', 'x/../') would slip past `into`; such paths are refused outright.
const detour = '^\\./\\.\\.(?:/|$)|/\\.(?:/|$)|(?:^|/)(?!\\.\\.?(?:/|$))[^/]+/\\.\\.(?:/|$)';

// What the pure folders may not touch, by a name an exemption below can cite. `module` is a specifier regex (static
// and dynamic imports); `names` are named imports; `properties` go to no-restricted-properties; `selector` to
// no-restricted-syntax.
const port = 'take a port (src/core/ports.ts) and leave the I/O to src/adapters';
const impurities = [
  { ban: 'node:fs', module: '^(?:node:)?fs$', why: `The core reads no files: ${port}.` },
  { ban: 'node:fs/promises', module: '^(?:node:)?fs/promises$', why: `The core reads no files: ${port}.` },
  { ban: 'node:child_process', module: '^(?:node:)?child_process$', why: `The core starts no processes: ${port}.` },
  { ban: 'node:net', module: '^(?:node:)?net$', why: `The core opens no sockets: ${port}.` },
  { ban: 'node:http', module: '^(?:node:)?http$', why: `The core makes no HTTP calls: ${port}.` },
  { ban: 'AWS SDK', module: '^(?:@aws-sdk/|aws-sdk(?:/|$))', why: `The core calls no AWS service: ${port}.` },
  { ban: '@slack/web-api', module: '^@slack/web-api(?:/|$)', why: `The core calls no Slack API: ${port}.` },
  { ban: 'sst', module: '^sst(?:/|$)', why: 'The core knows nothing of the deployment: take settings as arguments.' },
  {
    ban: 'process.cwd',
    properties: [{ object: 'process', property: 'cwd' }],
    names: [{ name: 'node:process', importNames: ['cwd'] }, { name: 'process', importNames: ['cwd'] }],
    why: 'The core does not depend on where it runs from: take the directory as an argument.',
  },
  {
    ban: 'new Date()',
    selector: "NewExpression[callee.type='Identifier'][callee.name='Date'][arguments.length=0]",
    why: 'The core reads no clock: use the injected `now()` or take the time as an argument.',
  },
  {
    ban: 'Date()',
    selector: "CallExpression[callee.type='Identifier'][callee.name='Date']",
    why: 'The core reads no clock: use the injected `now()` or take the time as an argument.',
  },
  {
    ban: 'Date.now',
    properties: [{ object: 'Date', property: 'now' }],
    why: 'The core reads no clock: use the injected `now()` or take the time as an argument.',
  },
  {
    ban: 'Math.random',
    properties: [{ object: 'Math', property: 'random' }],
    why: 'The core draws no chance: take the random value or id as an argument.',
  },
  {
    ban: 'randomUUID',
    properties: [{ property: 'randomUUID' }],
    names: [{ name: 'node:crypto', importNames: ['randomUUID'] }, { name: 'crypto', importNames: ['randomUUID'] }],
    why: 'The core draws no chance: take the id as an argument.',
  },
];

// The three rules for one folder, every ban included but those in `except` (see the exemptions at the end). One block
// carries all of a folder's options because a later block's options for a rule replace, not join, an earlier one's.
function rulesFor(folder, except = []) {
  const known = [...Object.keys(mayImport), ...unlayered];
  const barred = known.filter((other) => other !== folder && !mayImport[folder].includes(other));
  const allowed = mayImport[folder].length > 0 ? mayImport[folder].join(', ') : 'nothing outside itself';
  const layerWhy = (other) => `Imports point down the layers (issue 10): ${folder} may import ${allowed}, not ${other}.`;
  const specifiers = [
    ...barred.map((other) => ({ regex: into(other), why: layerWhy(other) })),
    { regex: detour, why: 'Write the path without detours, so the layer check can read where it lands.' },
  ];
  const bans = pure.includes(folder) ? impurities.filter((item) => !except.includes(item.ban)) : [];
  for (const item of bans.filter((each) => each.module)) specifiers.push({ regex: item.module, why: item.why });

  const rules = {
    // Covers `import`, `import type`, `export … from`, `export * from` and `import x = require()`, not `import()`.
    'no-restricted-imports': [
      'error',
      {
        paths: bans.flatMap((item) => (item.names ?? []).map((path) => ({ ...path, message: item.why }))),
        patterns: specifiers.map(({ regex, why }) => ({ regex, caseSensitive: true, message: why })),
      },
    ],
    // Covers `import('…')` and `typeof import('…')` with a literal specifier, which the rule above does not see.
    'no-restricted-syntax': [
      'error',
      ...specifiers.map(({ regex, why }) => ({
        selector: `:matches(ImportExpression, TSImportType)[source.value=/${regex.replaceAll('/', '\\/')}/]`,
        message: why,
      })),
      ...bans.filter((item) => item.selector).map((item) => ({ selector: item.selector, message: item.why })),
    ],
  };
  const properties = bans.flatMap((item) => (item.properties ?? []).map((entry) => ({ ...entry, message: item.why })));
  if (properties.length > 0) rules['no-restricted-properties'] = ['error', ...properties];
  return rules;
}

export default tseslint.config(
  { ignores: ['node_modules/', '.prof/', 'dist/', 'coverage/', 'test-results/', '.sst/', 'src/local/ui/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['bin/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...Object.keys(mayImport).map((folder) => ({ files: [`${folder}/**/*.{ts,tsx,js}`], rules: rulesFor(folder) })),

);

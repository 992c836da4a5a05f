#!/usr/bin/env node
// Entry point of the `clarion` command: loads the TypeScript sources through tsx, so a clone works
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
// Output piped into `head` closes early; that is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));

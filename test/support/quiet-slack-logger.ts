// A @slack/web-api logger that says nothing: the client logs every failed call and every
// `[ERROR]` line of a platform error, and the tests assert on the thrown errors instead.
import { LogLevel } from '@slack/web-api';
import type { Logger } from '@slack/web-api';

export const quietLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

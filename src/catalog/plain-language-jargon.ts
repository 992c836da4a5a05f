/** @module Catalog: the jargon list of the plain-language lint — words non-technical readers do not know, and what to say instead (no retext, so Lambdas can load it). */

/** Words that mean nothing to most end users; each with a plainer way to say it. */
export const JARGON: ReadonlyArray<{ term: RegExp; word: string; instead: string }> = [
  { term: /\bARNs?\b/, word: 'ARN', instead: 'name the thing people know' },
  { term: /\b[45]xx\b|\b[45]\d\d errors?\b/i, word: '5xx', instead: '"errors"' },
  { term: /\bHTTPS?\b/, word: 'HTTP', instead: 'leave it out' },
  { term: /\bECS\b/, word: 'ECS', instead: '"the service"' },
  { term: /\bEC2\b/, word: 'EC2', instead: '"a server"' },
  { term: /\bRDS\b/, word: 'RDS', instead: '"the database"' },
  { term: /\bLambdas?\b/, word: 'Lambda', instead: '"a background task"' },
  { term: /\bCPU\b/, word: 'CPU', instead: '"computer power"' },
  { term: /\blatency\b/i, word: 'latency', instead: '"slow"' },
  { term: /\bp\d{2,3}\b/i, word: 'p99', instead: '"for the slowest users"' },
  { term: /\bOOM\b|\bout of memory\b/i, word: 'OOM', instead: '"ran out of space to work"' },
  { term: /\bthresholds?\b/i, word: 'threshold', instead: '"limit"' },
  { term: /\bstack ?traces?\b/i, word: 'stack trace', instead: 'leave it out' },
  { term: /\bAPIs?\b/, word: 'API', instead: '"connection"' },
  { term: /\bDNS\b/, word: 'DNS', instead: 'leave it out' },
  { term: /\bSQS\b|\bSNS\b|\bDynamoDB\b|\bCloudWatch\b|\bEventBridge\b/, word: 'AWS service names', instead: 'say what it does' },
  { term: /\bmetrics?\b/i, word: 'metric', instead: '"measure"' },
  { term: /\balarms?\b/i, word: 'alarm', instead: '"warning" or "check"' },
  { term: /\bdeploy(ment|ed|s)?\b/i, word: 'deploy', instead: '"update"' },
  { term: /\bcontainers?\b/i, word: 'container', instead: '"part of the service"' },
  { term: /\btimeouts?\b|\btimed out\b/i, word: 'timeout', instead: '"took too long"' },
  { term: /\bexceptions?\b/i, word: 'exception', instead: '"error"' },
  { term: /\binstances?\b/i, word: 'instance', instead: '"server"' },
  { term: /\bendpoints?\b/i, word: 'endpoint', instead: '"address"' },
  { term: /\bfailover\b/i, word: 'failover', instead: '"switched to the backup"' },
  { term: /\bthrottl(ed|ing|e)\b/i, word: 'throttling', instead: '"slowed down"' },
  { term: /\bSLA\b|\bSLO\b/, word: 'SLA', instead: 'leave it out' },
  { term: /\bGlue\b|\bStep Functions?\b|\bBatch jobs?\b/, word: 'AWS job names', instead: '"the overnight update"' },
];

/** Strips what is not prose (placeholders, mrkdwn markers, links) before scoring. */
export function proseOf(text: string): string {
  return text
    .replace(/\{\{[^}]*\}\}/g, 'it')
    .replace(/<([^|>]+)\|([^>]+)>/g, '$2')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_~`>]/g, ' ');
}

export function jargonIn(text: string): Array<{ word: string; instead: string }> {
  const prose = proseOf(text);
  return JARGON.filter((j) => j.term.test(prose)).map(({ word, instead }) => ({ word, instead }));
}


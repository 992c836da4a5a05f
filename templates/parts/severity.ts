/** @module Render (templates): severity and impact in words; emoji only decorate, never carry meaning. */
import type { ImpactLevel } from '../../src/catalog/schema.ts';
import type { Severity } from '../../src/core/signal.ts';

export const SEVERITY_WORDS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Coloured circles differ in colour only, so the word next to them is what counts. */
export const SEVERITY_EMOJI: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':information_source:',
};

export const IMPACT_WORDS: Record<ImpactLevel, string> = {
  outage: 'Service down',
  major: 'Major problem',
  minor: 'Minor problem',
  none: 'No user impact',
};

/** @module Stage 1, normalize: reads AWS ARNs and Region names without trusting their shape. */

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account, colons included (`alarm:My alarm`, `function:f:$LATEST`). */
  resource: string;
}

/** Splits an ARN into its fields; `undefined` for anything that is not `arn:…` with six parts. */
export function parseArn(value: unknown): ParsedArn | undefined {
  if (typeof value !== 'string' || !value.startsWith('arn:')) return undefined;
  // Five colons end the five fixed fields (cheaper than splitting a long resource and joining it again).
  const service = value.indexOf(':', 4);
  const region = service < 0 ? -1 : value.indexOf(':', service + 1);
  const account = region < 0 ? -1 : value.indexOf(':', region + 1);
  const resource = account < 0 ? -1 : value.indexOf(':', account + 1);
  if (resource < 0) return undefined;
  return {
    partition: value.slice(4, service),
    service: value.slice(service + 1, region),
    region: value.slice(region + 1, account),
    account: value.slice(account + 1, resource),
    resource: value.slice(resource + 1),
  };
}

const REGION_CODE = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** True for a Region code such as `eu-west-2`; false for placeholders like `REGION` or display names. */
export function isRegionCode(value: unknown): value is string {
  return typeof value === 'string' && REGION_CODE.test(value);
}

/** The ARN partition a Region belongs to, for building ARNs an event did not carry. */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * An alarm's name from its ARN. Alarm names may contain spaces and colons, so this splits on
 * `:alarm:` rather than taking the last colon-separated part.
 */
export function alarmNameFromArn(arn: unknown): string | undefined {
  if (typeof arn !== 'string') return undefined;
  const at = arn.indexOf(':alarm:');
  if (at < 0) return undefined;
  const name = arn.slice(at + ':alarm:'.length);
  return name.length > 0 ? name : undefined;
}

/** The last `/`- or `:`-separated segment of an ARN's resource part (`db:x` → `x`, `volume/vol-1` → `vol-1`). */
export function lastArnSegment(arn: unknown): string | undefined {
  const parsed = parseArn(arn);
  if (!parsed) return undefined;
  const segment = parsed.resource.split(/[/:]/).pop();
  return segment ? segment : undefined;
}

/*
 * SNS alarm messages carry the Region's display name ("EU (Ireland)"), not its code. The code is
 * normally read from the alarm ARN; this table is the fallback when the ARN is missing or fake.
 */
const REGION_BY_DISPLAY_NAME: Record<string, string> = {
  'US East (N. Virginia)': 'us-east-1',
  'US East (Ohio)': 'us-east-2',
  'US West (N. California)': 'us-west-1',
  'US West (Oregon)': 'us-west-2',
  'Africa (Cape Town)': 'af-south-1',
  'Asia Pacific (Hong Kong)': 'ap-east-1',
  'Asia Pacific (Hyderabad)': 'ap-south-2',
  'Asia Pacific (Jakarta)': 'ap-southeast-3',
  'Asia Pacific (Malaysia)': 'ap-southeast-5',
  'Asia Pacific (Melbourne)': 'ap-southeast-4',
  'Asia Pacific (Mumbai)': 'ap-south-1',
  'Asia Pacific (Osaka)': 'ap-northeast-3',
  'Asia Pacific (Seoul)': 'ap-northeast-2',
  'Asia Pacific (Singapore)': 'ap-southeast-1',
  'Asia Pacific (Sydney)': 'ap-southeast-2',
  'Asia Pacific (Thailand)': 'ap-southeast-7',
  'Asia Pacific (Tokyo)': 'ap-northeast-1',
  'Canada (Central)': 'ca-central-1',
  'Canada West (Calgary)': 'ca-west-1',
  'EU (Frankfurt)': 'eu-central-1',
  'EU (Ireland)': 'eu-west-1',
  'EU (London)': 'eu-west-2',
  'EU (Milan)': 'eu-south-1',
  'EU (Paris)': 'eu-west-3',
  'EU (Spain)': 'eu-south-2',
  'EU (Stockholm)': 'eu-north-1',
  'EU (Zurich)': 'eu-central-2',
  'Israel (Tel Aviv)': 'il-central-1',
  'Mexico (Central)': 'mx-central-1',
  'Middle East (Bahrain)': 'me-south-1',
  'Middle East (UAE)': 'me-central-1',
  'South America (Sao Paulo)': 'sa-east-1',
  'AWS GovCloud (US-East)': 'us-gov-east-1',
  'AWS GovCloud (US-West)': 'us-gov-west-1',
};

/** A Region code from a code or a display name (`Europe (London)` and `EU (London)` both work). */
export function regionCodeOf(value: unknown): string | undefined {
  if (isRegionCode(value)) return value;
  if (typeof value !== 'string') return undefined;
  const name = value.trim().replace(/^Europe \(/, 'EU (').replace('São Paulo', 'Sao Paulo');
  return REGION_BY_DISPLAY_NAME[name];
}

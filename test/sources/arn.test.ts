import { describe, expect, it } from 'vitest';
import { alarmNameFromArn, isRegionCode, lastArnSegment, parseArn, partitionOf, regionCodeOf } from '../../src/sources/arn.ts';

describe('ARN helpers', () => {
  it('splits an ARN, keeping the colons of its resource part', () => {
    // Act
    const arn = parseArn('arn:aws:lambda:eu-west-2:111111111111:function:f:$LATEST');

    // Assess
    expect(arn).toEqual({ partition: 'aws', service: 'lambda', region: 'eu-west-2', account: '111111111111', resource: 'function:f:$LATEST' });
  });

  it.each([['not-an-arn'], ['arn:aws:x'], [42]])('does not parse %j', (value) => {
    // Act
    const arn = parseArn(value);

    // Assess
    expect(arn).toBeUndefined();
  });

  it('reads an alarm name with spaces and colons from its ARN', () => {
    // Act
    const name = alarmNameFromArn('arn:aws:cloudwatch:us-east-1:123456789012:alarm:EC2 CPU: too high');

    // Assess
    expect(name).toBe('EC2 CPU: too high');
  });

  it.each([['arn:aws:cloudwatch:us-east-1:1:alarm:'], ['arn:aws:sns:us-east-1:1:topic'], [undefined]])('finds no alarm name in %j', (arn) => {
    // Act
    const name = alarmNameFromArn(arn);

    // Assess
    expect(name).toBeUndefined();
  });

  it.each([
    ['arn:aws:ec2:us-west-2:1:volume/vol-1', 'vol-1'],
    ['arn:aws:rds:eu-west-2:1:db:trainee-db-prod', 'trainee-db-prod'],
    ['arn:aws:backup:eu-west-2:1:backup-vault:', undefined],
    ['nope', undefined],
  ])('takes the last segment of %s', (arn, segment) => {
    // Act
    const last = lastArnSegment(arn);

    // Assess
    expect(last).toBe(segment);
  });

  it.each([
    ['eu-west-2', true],
    ['us-gov-west-1', true],
    ['REGION', false],
    ['EU (London)', false],
  ])('knows whether %s is a Region code', (value, expected) => {
    // Act
    const result = isRegionCode(value);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    ['eu-west-2', 'eu-west-2'],
    ['EU (London)', 'eu-west-2'],
    ['Europe (London)', 'eu-west-2'],
    ['South America (São Paulo)', 'sa-east-1'],
    ['Atlantis (Central)', undefined],
    [7, undefined],
  ])('turns %j into the Region code %s', (value, code) => {
    // Act
    const result = regionCodeOf(value);

    // Assess
    expect(result).toBe(code);
  });

  it.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['eu-west-2', 'aws'],
    [undefined, 'aws'],
  ])('puts %s in the %s partition', (region, partition) => {
    // Act
    const result = partitionOf(region);

    // Assess
    expect(result).toBe(partition);
  });
});

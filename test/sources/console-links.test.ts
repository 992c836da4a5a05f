import { describe, expect, it } from 'vitest';
import { alarmLink, backupJobLink, ecsTaskLink, links, logStreamLink, rdsEventsLink } from '../../src/sources/console-links.ts';

describe('console links', () => {
  it('builds a Region-aware alarm link with the name URL-encoded', () => {
    // Act
    const link = alarmLink('eu-west-2', 'a b/c');

    // Assess
    expect(link).toEqual({
      label: 'View alarm in console',
      url: 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/a%20b%2Fc',
    });
  });

  it('builds no link for a Region that is not a real Region code', () => {
    // Act
    const built = [alarmLink('REGION', 'x'), ecsTaskLink(undefined, 'c', 't'), rdsEventsLink('EXAMPLE')];

    // Assess
    expect(built).toEqual([undefined, undefined, undefined]);
  });

  it('uses the China console domain for China Regions', () => {
    // Act
    const link = backupJobLink('cn-north-1', 'backup', 'j');

    // Assess
    expect(link?.url).toBe('https://cn-north-1.console.amazonaws.cn/backup/home?region=cn-north-1#/jobs/backup/details/j');
  });

  it('encodes log group and stream the way the CloudWatch Logs console does', () => {
    // Act
    const link = logStreamLink('eu-west-2', '/aws/batch/job', 'a/b c');

    // Assess
    expect(link?.url).toBe(
      'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#logsV2:log-groups/log-group/$252Faws$252Fbatch$252Fjob/log-events/a$252Fb$2520c',
    );
  });

  it('keeps only the links that could be built', () => {
    // Act
    const built = links(undefined, alarmLink('eu-west-2', 'x'), undefined);

    // Assess
    expect(built.map((l) => l.label)).toEqual(['View alarm in console']);
  });
});

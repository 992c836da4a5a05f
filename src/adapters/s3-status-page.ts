/** @module Adapter (status page on AWS): writes the page's three files to the private S3 bucket CloudFront serves, with short cache lifetimes. */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { ClarionError } from '../core/clarion-error.ts';
import { STATUS_FILES } from '../history/status-page.ts';
import type { StatusPageFiles } from '../history/status-page.ts';

export class StatusPagePublishError extends ClarionError {}

/*
 * CloudFront keeps each file for as long as its Cache-Control says: 10 s keeps the edge from
 * asking S3 on every view while a change still shows within the 30 s the page promises (the
 * stream's batching window, a render and this). `must-revalidate` stops browsers showing a stale
 * "all working" from their own cache after that.
 */
export const STATUS_CACHE_CONTROL = 'public, max-age=10, must-revalidate';

/** The key prefix: empty, or the shared-secret path (`<secret>/`) readers must know to find the page. */
export function statusKeyPrefix(secretPath: string | undefined): string {
  if (secretPath === undefined || secretPath === '' || secretPath === 'none') return '';
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(secretPath)) {
    throw new StatusPagePublishError('the status page path secret must be 16 to 128 letters, digits, "-" or "_" (or "none" for no secret path)');
  }
  return `${secretPath}/`;
}

export async function publishStatusFiles(options: { s3: S3Client; bucket: string; prefix: string; files: StatusPageFiles }): Promise<void> {
  const { s3, bucket, prefix, files } = options;
  const bodies = { html: files.html, json: files.json, feed: files.feed };
  try {
    // The JSON and the feed first: a reader who sees the new page can follow its links to the same news.
    for (const kind of ['json', 'feed', 'html'] as const) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `${prefix}${STATUS_FILES[kind].name}`,
          Body: bodies[kind],
          ContentType: STATUS_FILES[kind].contentType,
          CacheControl: STATUS_CACHE_CONTROL,
        }),
      );
    }
  } catch (error) {
    throw new StatusPagePublishError(`could not write the status page to S3 bucket ${bucket}`, { cause: error });
  }
}

/** @module Lambda edge (shared by the entry points): ports whose AWS client loads on first use, not at cold start. */
import type { LifecyclePort, PlainTextPort } from '../src/core/ports.ts';

/*
 * Most invocations never publish a lifecycle event or an SNS notice, yet loading an AWS SDK
 * client costs tens of milliseconds of cold start. These ports import their adapter and client
 * the first time they are used (and SST's code splitting puts them in chunks of their own), then
 * keep them for the life of the container.
 */

export function lazyLifecycle(busName: string): LifecyclePort {
  let port: Promise<LifecyclePort> | undefined;
  const load = async () => {
    const [{ EventBridgeClient }, { createEventBridgeLifecycle }] = await Promise.all([
      import('@aws-sdk/client-eventbridge'),
      import('../src/adapters/eventbridge-lifecycle.ts'),
    ]);
    return createEventBridgeLifecycle({ client: new EventBridgeClient({}), busName });
  };
  return {
    async publish(events) {
      port ??= load().catch((error: unknown) => {
        port = undefined;
        throw error;
      });
      return (await port).publish(events);
    },
  };
}

export function lazyPlainText(): PlainTextPort {
  let port: Promise<PlainTextPort> | undefined;
  const load = async () => {
    const [{ SNSClient }, { createSnsPlainText }] = await Promise.all([import('@aws-sdk/client-sns'), import('../src/adapters/sns-plain-text.ts')]);
    return createSnsPlainText({ client: new SNSClient({}) });
  };
  return {
    async send(args) {
      port ??= load().catch((error: unknown) => {
        port = undefined;
        throw error;
      });
      return (await port).send(args);
    },
  };
}

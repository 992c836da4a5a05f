/** @module Benchmark: how long the interactions handler takes to acknowledge, against dynalite and the Slack emulator. */
import path from 'node:path';
import { createDynamoState } from '../src/adapters/dynamo-state.ts';
import { createSlackWebApi } from '../src/adapters/slack-web-api.ts';
import { openCatalog } from '../src/adapters/read-catalog-dir.ts';
import { createSlackEmulator } from '../src/local/slack-emulator.ts';
import { startDynalite } from '../src/local/start-dynalite.ts';
import { composeInteractions } from '../src/compose/compose-interactions.ts';
import { composeProcessor } from '../src/compose/compose-processor.ts';
import { signSlackRequest } from '../src/slack/sign-slack-request.ts';
import { encodeAlertKey } from '../templates/parts/buttons.ts';

const root = path.resolve(import.meta.dirname, '..');

export interface InteractionFigures {
  presses: number;
  medianMs: number;
  p95Ms: number;
  /** Slack's deadline for the answer. */
  slackDeadlineMs: number;
}

/** Opens `count` alerts (three audiences each), then times one signed Acknowledge press per alert, end to end. */
export async function runInteractionsBench(count: number): Promise<InteractionFigures> {
  const dynamo = await startDynalite({ tableName: 'interactions-bench' });
  const emulator = createSlackEmulator({ limits: false });
  const { url } = await emulator.listen();
  try {
    const runtime = (await openCatalog(path.join(root, 'alert-catalog'), { lint: false })).runtime;
    const state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
    const slack = createSlackWebApi({ token: 'xoxb-bench', slackApiUrl: url });
    const ports = { runtime: () => runtime, state, slack, now: () => new Date() };
    const processor = composeProcessor({}, ports);
    const secret = 'bench-signing-secret';
    const answerInteraction = composeInteractions({ signingSecret: secret }, ports);
    const keys: string[] = [];
    for (let i = 0; i < count; i++) {
      const name = 'trainee-portal-prod-unhealthy-hosts';
      const [result] = await processor.processMessage({
        version: '0',
        id: `bench-open-${i}`,
        'detail-type': 'CloudWatch Alarm State Change',
        source: 'aws.cloudwatch',
        account: '111111111111',
        time: new Date().toISOString(),
        region: 'eu-west-2',
        // One alarm name (so the catalog entry matches), distinct ARNs (so each is its own alert).
        resources: [`arn:aws:cloudwatch:eu-west-2:${String(100000000000 + i)}:alarm:${name}`],
        detail: { alarmName: name, state: { value: 'ALARM', reason: 'bench', timestamp: new Date().toISOString() }, configuration: {} },
      });
      keys.push(result!.alertKey!);
    }
    const times: number[] = [];
    for (const alertKey of keys) {
      const payload = { type: 'block_actions', user: { id: 'U0BENCH' }, actions: [{ type: 'button', action_id: 'clarion.acknowledge', value: encodeAlertKey(alertKey) }] };
      const rawBody = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const headers = signSlackRequest({ signingSecret: secret, rawBody, timestamp: Math.floor(Date.now() / 1000) });
      const started = process.hrtime.bigint();
      const answer = await answerInteraction({ rawBody, headers });
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (answer.result?.outcome !== 'acknowledged') throw new Error(`press not acknowledged: ${JSON.stringify(answer)}`);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(times.length * q) - 1)]! * 10) / 10;
    return { presses: times.length, medianMs: at(0.5), p95Ms: at(0.95), slackDeadlineMs: 3000 };
  } finally {
    await emulator.close();
    await dynamo.close();
  }
}

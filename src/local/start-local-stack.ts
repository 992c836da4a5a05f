/** @module Local stack: one process with everything `npm start` runs — dynalite, the queue, the two Lambda handlers, the Slack emulator, the preview page. */
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDynamoHistory } from '../adapters/dynamo-history.ts';
import { createDynamoState } from '../adapters/dynamo-state.ts';
import { withSlackPacing } from '../adapters/paced-slack.ts';
import { createSlackWebApi } from '../adapters/slack-web-api.ts';
import type { ClarionConfig } from '../catalog/schema.ts';
import type { LifecycleEvent } from '../core/ports.ts';
import type { SignalResult } from '../processor/process-signals.ts';
import { describeOfficeHours, isWithinOfficeHours, nextOfficeStart, officeHoursFor } from '../pipeline/office-hours.ts';
import { channelFor, timeZoneFor, unknownStage } from '../pipeline/route-alert.ts';
import { normalizeEvent } from '../sources/normalize-event.ts';
import { acknowledgeButton, encodeAlertKey } from '../../templates/parts/buttons.ts';
import { createProcessorHandler } from '../../functions/process-signals.ts';
import { createInteractionsHandler } from '../../functions/slack-interactions.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import type { InProcessQueue } from './in-process-queue.ts';
import { startCatalogWatcher } from './server/catalog-watcher.ts';
import type { CatalogStatus, CatalogWatcher } from './server/catalog-watcher.ts';
import { runDemoScenario } from './server/demo-scenario.ts';
import { renderMaintenanceNotice } from '../../templates/maintenance-notice.ts';
import { createEventStream } from './server/event-stream.ts';
import { freshenEvent } from './server/freshen-event.ts';
import { createHostGuard } from './server/check-request-host.ts';
import { localLambdaContext } from './server/lambda-context.ts';
import { createLocalRoutes, NotFoundError } from './server/local-routes.ts';
import { blockActionsPayload, sendPress } from './server/press-button.ts';
import { sendViewSubmission, viewSubmissionPayload } from './server/submit-view.ts';
import type { SubmissionOutcome, SubmittedValues } from './server/submit-view.ts';
import type { PressedMessage } from './server/press-button.ts';
import { createQueuePump } from './server/queue-pump.ts';
import { createSilenceApi } from './server/silence-api.ts';
import { createFixStandIn } from './fix-stand-in.ts';
import type { FixStandIn } from './fix-stand-in.ts';
import { createFixApi } from './server/fix-api.ts';
import { createInsightsApi } from './server/insights-api.ts';
import { UI_DIST, uiHandlerFor } from './server/serve-ui.ts';
import type { UiHandler } from './server/serve-ui.ts';
import { createSlackEmulator } from './slack-emulator.ts';
import { createPagerDutyStandIn } from './pagerduty-stand-in.ts';
import { createMetricStore } from './metric-store.ts';
import type { MetricStore } from './metric-store.ts';
import type { PagerDutyStandIn } from './pagerduty-stand-in.ts';
import { pagerDutyFromSettings } from '../adapters/pagerduty-events.ts';
import type { RefreshRequest } from '../core/refresh-request.ts';
import type { HistoryPort } from '../core/history.ts';
import type { SlackEmulator } from './slack-emulator.ts';
import { createClockDriver } from './advance-clock.ts';
import { createScheduledJobs } from './scheduled-jobs.ts';
import type { ScheduledJobs } from './scheduled-jobs.ts';
import { createStackClock } from './stack-clock.ts';
import { readSavedOffset, saveOffset } from './saved-clock.ts';
import { createMaintenanceJob } from './maintenance-job.ts';
import { createRecapJob } from './recap-job.ts';
import type { StackClock } from './stack-clock.ts';
import { startDynalite } from './start-dynalite.ts';
import { ClarionError } from '../core/clarion-error.ts';
import { buildReport, reportPeriod } from '../history/report.ts';
import { buildStatusPage } from '../history/status-page.ts';
import { withStatusPageUrl } from '../catalog/status-page-url.ts';

export interface LocalStackOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the stack signs button presses with its secret, so it stays on this machine. */
  host?: string;
  catalogDir: string;
  /** Relative paths (and file names in messages) are taken from here; default process.cwd(). */
  cwd?: string;
  /** Keep the state store on disk here; default in memory. */
  dataDir?: string;
  /** Play the first-run scenario (default false; `clarion start` turns it on). */
  demo?: boolean;
  /** Deliver to real Slack with this bot token instead of the emulator. */
  slackBotToken?: string;
  /** Default: a random secret, reported in `signingSecret`. */
  signingSecret?: string;
  stage?: string;
  /** The built page's folder (default src/local/ui/dist, or Vite when it is absent); false serves no page. */
  uiDir?: string | false;
  /** Reload the catalog when its YAML changes (default true). */
  watchCatalog?: boolean;
  /** Terminal output, one line per call; default stdout. */
  log?: (line: string) => void;
  /** The clock the pipeline reads (default the real one); tests set it to try office hours at any time of day. */
  now?: () => Date;
}

export interface LocalStack {
  url: string;
  port: number;
  signingSecret: string;
  /** True when a signing secret was generated rather than given. */
  generatedSecret: boolean;
  /** Where messages go: `emulator` or `slack`. */
  delivery: 'emulator' | 'slack';
  slackApiUrl: string;
  catalogDir: string;
  dataDir?: string;
  uiMode: UiHandler['mode'] | 'none';
  emulator: SlackEmulator;
  queue: InProcessQueue;
  catalog: CatalogWatcher;
  /** The stack's clock (`POST /api/clock` moves it). */
  clock: StackClock;
  /** The stand-in for EventBridge Scheduler: timed jobs that real time and `POST /api/clock` fire in time order. */
  schedules: ScheduledJobs;
  /** PagerDuty's stand-in, where `page` steps go (`GET /api/pagerduty` lists what it received). */
  pagerDuty: PagerDutyStandIn;
  /** CloudWatch's stand-in for SLO figures (`POST /api/metrics` feeds it). */
  metrics: MetricStore;
  /** The automatic fixes' stand-in (`GET /api/fixes` lists the runs it took). */
  fixes: FixStandIn;
  /** Past incidents and notes (the status page, the report, the recap read them). */
  history: HistoryPort;
  /** Queues a raw event; returns its signal keys. */
  enqueue(raw: unknown): string[];
  /** Nothing is being processed and nothing is visible on the queue (delayed refreshes may wait). */
  idle(): boolean;
  /** Resolves once idle, or rejects after `timeoutMs`. */
  settled(timeoutMs?: number): Promise<void>;
  /** Resolves when the demo scenario has played (at once when it is off). */
  demoDone: Promise<void>;
  close(): Promise<void>;
}

/** Thrown when the port is taken or the server cannot listen. */
export class LocalStackStartError extends ClarionError {}

const PREVIEW_USER = 'U0PREVIEW';

/** The channel an audience is told in, as routing resolves it. */
/** Emulated channels for the configured audiences, so the page shows them before anything is posted. */
function seedChannels(config: ClarionConfig, stage?: string): Array<{ id: string; name: string }> {
  const seeded = new Map<string, { id: string; name: string }>();
  let n = 0;
  for (const audience of Object.keys(config.audiences)) {
    const ref = channelFor(config, audience, stage);
    if (!ref || seeded.has(ref)) continue;
    n += 1;
    const isId = /^[CG][A-Z0-9]{2,}$/.test(ref);
    // A stage's channel ids read better under the audience's default channel name, when it has one.
    const fallback = config.audiences[audience]?.channel ?? '';
    const name = isId ? (fallback.startsWith('#') ? fallback.slice(1) : ref.toLowerCase()) : ref.replace(/^#/, '');
    seeded.set(ref, { id: isId ? ref : `C0LOCAL${String(n).padStart(4, '0')}`, name });
  }
  return [...seeded.values()];
}

function defaultLog(line: string): void {
  process.stdout.write(`${line}\n`);
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? defaultLog;
  const catalogDir = path.resolve(cwd, options.catalogDir);
  const samplesDir = path.join(catalogDir, 'samples', 'events');
  const generatedSecret = !options.signingSecret;
  const signingSecret = options.signingSecret || randomBytes(24).toString('hex');
  const delivery = options.slackBotToken ? 'slack' : 'emulator';
  // One clock for every part, so `POST /api/clock` moves delays, visibility, rate limits and faults together.
  // With a data folder the clock resumes where the state it keeps was written (src/local/saved-clock.ts).
  const dataDir = options.dataDir ? path.resolve(cwd, options.dataDir) : undefined;
  const savedOffset = dataDir ? readSavedOffset(dataDir) : 0;
  const clock = createStackClock({
    ...(options.now ? { now: options.now } : {}),
    offsetMs: savedOffset,
    ...(dataDir ? { onAdvance: (offsetMs: number) => saveOffset(dataDir, offsetMs) } : {}),
  });
  const now = clock.now;
  // Every timed job (the summary at the start of office hours, and later schedules) is on this list, so a clock advance fires them in order.
  const schedules = createScheduledJobs({ now, log, afterFire: () => pump.wake() });

  const stream = createEventStream();
  const catalog = await startCatalogWatcher({
    dir: catalogDir,
    cwd,
    watch: options.watchCatalog !== false,
    onReload: (status) => {
      reportCatalog(status, log);
      stream.send('catalog', status);
      // Office hours (and what other schedules read) may have changed with the configuration.
      void schedules.rearm();
    },
  });

  const badStage = unknownStage(catalog.runtime().config, options.stage);
  if (badStage) {
    catalog.close();
    stream.close();
    // A typo would otherwise run quietly on the default channels and no office hours.
    throw new LocalStackStartError(badStage);
  }
  const emulator = createSlackEmulator({ clock: clock.nowMs, limits: true, channels: seedChannels(catalog.runtime().config, options.stage) });
  const forward = (event: unknown) => stream.send('slack', event);
  emulator.on('message', forward).on('update', forward);
  // A modal opening or closing changes what the page shows, as a message does.
  emulator.on('view', forward);

  const dynamo = await startDynalite(options.dataDir ? { path: path.resolve(cwd, options.dataDir) } : {});
  const state = createDynamoState({ client: dynamo.client, tableName: dynamo.tableName });
  const history = createDynamoHistory({ client: dynamo.client, tableName: dynamo.historyTableName, parallel: 32 });
  const queue = createInProcessQueue({ now: clock.nowMs });
  const pagerDuty = createPagerDutyStandIn({ now });
  const metrics = createMetricStore({ now });
  // Automatic fixes call this stand-in here: nothing on AWS is ever started from a laptop.
  const fixes = createFixStandIn({ now });

  let ui: UiHandler | undefined;
  // Requests can arrive as soon as the server listens, before the routes below exist.
  const mounted: { routes?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {};
  const server = createServer((req, res) => {
    if (mounted.routes) void mounted.routes(req, res);
    else {
      res.writeHead(503, { 'retry-after': '1' });
      res.end();
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    catalog.close();
    stream.close();
    await dynamo.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new LocalStackStartError(
      code === 'EADDRINUSE' ? `port ${options.port ?? 3000} is in use; pick another with --port or PORT` : `the local server could not start: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const slackApiUrl = `${url}/slack/api/`;

  // The same adapter as on AWS, over HTTP to the emulator (or to Slack), paced to Slack's limits.
  const slack = withSlackPacing(
    options.slackBotToken
      ? createSlackWebApi({ token: options.slackBotToken })
      : createSlackWebApi({ token: 'xoxb-clarion-local', slackApiUrl }),
    { now: clock.nowMs, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  );
  const lifecycle = {
    async publish(events: LifecycleEvent[]) {
      for (const event of events) {
        log(`  lifecycle: ${event.type.replace('Clarion Alert ', '').toLowerCase()} ${event.catalogId ?? 'uncatalogued'}${event.acknowledgedBy && event.type.endsWith('Acknowledged') ? ` by ${event.acknowledgedBy}` : ''}`);
        stream.send('lifecycle', event);
      }
    },
  };
  // Audiences with an SNS topic get a plain-text copy on AWS; locally it is a terminal line, from posts and presses alike.
  const plainText = {
    async send({ topicArn, subject }: { topicArn: string; subject: string }) {
      log(`  plain text to ${topicArn}: ${subject}`);
    },
  };
  const terminalLog = {
    info: () => {},
    warn: (message: string, fields?: Record<string, unknown>) => log(`  warning: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
    error: (message: string, fields?: Record<string, unknown>) => log(`  error: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
  };
  const stage = options.stage ? { stage: options.stage } : {};
  const results = new EventEmitter();
  // The Lambda handlers themselves, over the local ports; their log lines become terminal lines.
  const processorHandler = createProcessorHandler({
    wiring: async () => ({
      settings: stage,
      ports: {
        runtime: () => withStatusPageUrl(catalog.runtime(), `${url}/status`),
        state,
        history,
        slack,
        lifecycle,
        plainText,
        queue: queue.port,
        now,
        // Pages always go to the stand-in here, with a local key: a real routing key never leaves this machine.
        paging: pagerDutyFromSettings(() => catalog.runtime().config.paging, (name) => (name === 'CLARION_PAGERDUTY_URL' ? `${url}/pagerduty/v2/enqueue` : 'clarion-local-routing-key')),
        // SLO alerts read their figures from the metrics `POST /api/metrics` fed, as they would from CloudWatch.
        sloFigures: metrics,
        fixes,
        onProcessed(out) {
          for (const result of out) reportResult(result, log);
          results.emit('results', out);
          stream.send('processed', out);
        },
      },
    }),
    telemetry: { log: terminalLog },
    earlyTimeout: false,
  });
  const pump = createQueuePump({
    queue,
    run: processorHandler,
    now: clock.nowMs,
    onError: (error) => log(`  error: the batch failed: ${(error as Error).message}`),
    onWholeBatchFailed: (reason, ids) => log(`  error: every record of the batch (${ids.length}) stays on the queue: ${reason}`),
  });
  // Requests Clarion queues for itself from outside the processor (a page to acknowledge after a press, silences from the API or a Slack form), waking it.
  const queueRequest = {
    async scheduleRefresh(request: RefreshRequest, delaySeconds: number) {
      await queue.port.scheduleRefresh(request, delaySeconds);
      pump.wake();
    },
  };
  const interactionsHandler = createInteractionsHandler({
    wiring: async () => ({ settings: { signingSecret, ...stage }, ports: { runtime: () => withStatusPageUrl(catalog.runtime(), `${url}/status`), state, history, slack, lifecycle, plainText, queue: queueRequest, now } }),
    telemetry: { log: terminalLog },
    earlyTimeout: false,
  });

  const enqueue = (raw: unknown): string[] => {
    // Queued first: an event the edge cannot read is still the processor's to handle (or dead-letter), as on AWS.
    queue.send(JSON.stringify(raw));
    let keys: string[] = [];
    try {
      keys = normalizeEvent(raw, { receivedAt: now() }).map((s) => s.key);
    } catch (error) {
      log(`  warning: the event was queued, but its signal keys could not be read: ${(error as Error).message}`);
    }
    pump.wake();
    stream.send('queued', { keys });
    return keys;
  };

  /** Asks the processor for the summary of what was held, as the schedule does on AWS at the start of office hours. */
  const requestSummary = (trigger?: 'schedule'): void => {
    queue.send(JSON.stringify({ clarion: 'summary', ...(trigger ? { trigger } : {}) }));
    pump.wake();
  };
  const officeHours = async () => {
    const { config } = catalog.runtime();
    const policy = officeHoursFor(config, options.stage);
    const summary = await state.getSummary();
    const at = now();
    return {
      officeHours: policy ? `${describeOfficeHours(policy.hours)} ${policy.timeZone}` : null,
      inOfficeHours: policy ? isWithinOfficeHours(at, policy) : true,
      nextSummaryAt: policy ? nextOfficeStart(at, policy).toISOString() : null,
      // Without office hours nobody holds, whatever the audiences say.
      holding: policy ? Object.entries(config.audiences).flatMap(([name, settings]) => (settings.outOfHours === 'hold' ? [name] : [])) : [],
      held: Object.keys(summary?.held ?? {}).length + (summary?.notices.length ?? 0) + (summary?.moreNotices ?? 0),
    };
  };
  // The schedule EventBridge Scheduler runs on AWS: the summary at each start of office hours.
  schedules.add({
    name: 'office-hours summary',
    nextDue(after) {
      const policy = officeHoursFor(catalog.runtime().config, options.stage);
      return policy ? nextOfficeStart(after, policy) : null;
    },
    fire(_due, at) {
      // Fired late (a laptop asleep through the start), after office hours: as a request, or it would be refused.
      const policy = officeHoursFor(catalog.runtime().config, options.stage);
      requestSummary(!policy || isWithinOfficeHours(at, policy) ? 'schedule' : undefined);
    },
  });
  const clockDriver = createClockDriver({ clock, queue, pump, jobs: schedules, log });
  // Maintenance windows' notices: the stand-in for their schedules (three per window on AWS).
  const maintenance = createMaintenanceJob({ runtime: catalog.runtime, stage: options.stage, now, send: (request) => queue.send(JSON.stringify(request)), log });
  schedules.add(maintenance);
  // The weekly recap (`recap:` in the configuration): the stand-in for its schedule on AWS.
  schedules.add(createRecapJob({ runtime: catalog.runtime, stage: options.stage, send: (request) => queue.send(JSON.stringify(request)) }));

  let fired = 0;
  const runId = Date.now().toString(36);
  const samples = async (): Promise<string[]> => (await readdir(samplesDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  const fireSample = async (file: string): Promise<string[] | null> => {
    if (path.basename(file) !== file || !(await samples()).includes(file)) return null;
    const raw: unknown = JSON.parse(await readFile(path.join(samplesDir, file), 'utf8'));
    fired += 1;
    log(`▸ ${file}`);
    return enqueue(freshenEvent(raw, now(), `${runId}-${fired}`));
  };

  const findMessage = (channel: string, ts: string): PressedMessage | undefined => {
    const known = emulator.channels().find((c) => c.id === channel || c.name === channel.replace(/^#/, ''));
    if (!known) return undefined;
    for (const message of emulator.messages(known.id)) {
      const candidates = [message, ...message.replies];
      const hit = candidates.find((m) => m.ts === ts);
      if (hit) return { channel: known.id, channelName: known.name, ts: hit.ts, text: hit.text, blocks: hit.blocks };
    }
    return undefined;
  };

  const interactionsUrl = `${url}/slack/interactions`;
  const press = async (args: { channel: string; ts: string; actionId: string; selectedValue?: string; user?: string }): Promise<number> => {
    const message = findMessage(args.channel, args.ts);
    if (!message) throw new NotFoundError(`no message ${args.ts} in ${args.channel}`);
    const user = args.user ?? PREVIEW_USER;
    // A trigger the emulator issued, as Slack stamps one on every press: *Post an update* opens its modal with it.
    const triggerId = emulator.issueTrigger(user);
    const payload = blockActionsPayload({ user, message, actionId: args.actionId, triggerId, ...(args.selectedValue ? { selectedValue: args.selectedValue } : {}) }, now().getTime());
    return sendPress(interactionsUrl, payload, signingSecret, now().getTime());
  };

  /** Submits an open modal as Slack would; Slack closes it unless the answer holds errors, and so does the emulator. */
  const submitView = async (args: { viewId: string; values: SubmittedValues; user?: string }): Promise<SubmissionOutcome> => {
    const view = emulator.views().find((v) => v.id === args.viewId);
    if (!view) throw new NotFoundError(`no open view ${args.viewId}`);
    const user = args.user ?? view.user ?? PREVIEW_USER;
    const payload = viewSubmissionPayload(view, user, args.values, emulator.issueTrigger(user));
    const outcome = await sendViewSubmission(interactionsUrl, payload, signingSecret, now().getTime());
    if (outcome.status === 200 && !outcome.errors) emulator.closeView(view.id);
    return outcome;
  };

  /** The demo presses on the engineers' message; with real Slack it cannot read it back, so it rebuilds the button. */
  const acknowledge = async (alertKey: string, user: string): Promise<number> => {
    const record = await state.getAlert(alertKey);
    const ref = record?.messages['techies'] ?? Object.values(record?.messages ?? {})[0];
    const message: PressedMessage = (ref && findMessage(ref.channel, ref.ts)) || {
      channel: ref?.channel ?? 'C0UNKNOWN',
      ts: ref?.ts ?? '0',
      text: '',
      blocks: [{ type: 'actions', elements: [acknowledgeButton(encodeAlertKey(alertKey))] }],
    };
    // Signed on the stack's clock, which the interactions handler checks it against.
    return sendPress(interactionsUrl, blockActionsPayload({ user, message, actionId: 'clarion.acknowledge' }, now().getTime()), signingSecret, now().getTime());
  };

  const alertKeyFor = (signalKeys: string[], timeoutMs: number): Promise<string | undefined> =>
    new Promise((resolve) => {
      const listener = (out: SignalResult[]) => {
        const hit = out.find((r) => signalKeys.includes(r.signalKey) && r.alertKey);
        if (!hit) return;
        clearTimeout(timer);
        results.off('results', listener);
        resolve(hit.alertKey);
      };
      const timer = setTimeout(() => {
        results.off('results', listener);
        resolve(undefined);
      }, timeoutMs);
      results.on('results', listener);
    });

  const snapshot = () => {
    const { config } = catalog.runtime();
    const audiencesByChannel = new Map<string, Array<{ name: string; template: string; description?: string }>>();
    for (const [name, settings] of Object.entries(config.audiences)) {
      const ref = (channelFor(config, name, options.stage) ?? '').replace(/^#/, '');
      const list = audiencesByChannel.get(ref) ?? [];
      list.push({ name, template: settings.template, ...(settings.description ? { description: settings.description } : {}) });
      audiencesByChannel.set(ref, list);
    }
    const order = [...audiencesByChannel.keys()];
    const channels = emulator
      .channels()
      .map((c) => ({ ...c, audiences: audiencesByChannel.get(c.name) ?? audiencesByChannel.get(c.id) ?? [], messages: emulator.messages(c.id), ephemerals: emulator.ephemerals(c.id) }))
      .sort((a, b) => rank(order, a) - rank(order, b));
    return { delivery, serviceName: config.serviceName, previewUser: PREVIEW_USER, catalog: catalog.status(), channels, views: emulator.views() };
  };

  mounted.routes = createLocalRoutes({
    emulator,
    stream,
    catalog,
    ui: () => ui,
    now,
    enqueue,
    // Slack gives up after 3 s; the Lambda's timeout is 10 s (infra/functions.ts).
    interactions: (event) => interactionsHandler(event, localLambdaContext('clarion-interactions-local', 10_000)),
    samples,
    fireSample,
    press,
    submitView,
    snapshot,
    officeHours,
    maintenance: () => maintenance.list(),
    requestSummary,
    queueStatus: () => ({ ...queue.counts(), idle: pump.idle() }),
    hostGuard: createHostGuard({ listenHost: options.host ?? '127.0.0.1', port }),
    delivery,
    deadLetters: () => queue.deadLetters(),
    pagerDuty,
    metrics,
    redrive: () => {
      const moved = queue.redrive();
      if (moved > 0) log(`redrive: ${moved} dead letter${moved === 1 ? '' : 's'} moved back onto the queue`);
      pump.wake();
      return moved;
    },
    silences: createSilenceApi({ state, runtime: () => catalog.runtime(), now, newId: randomUUID, enqueue: queueRequest.scheduleRefresh, log: { info: (message, fields) => log(`  ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`) } }),
    clock: { now, advance: (seconds) => clockDriver.advance(seconds) },
    report: async (since) => {
      const period = reportPeriod(now(), since);
      return buildReport({ items: await history.read(period.since, period.until), period, runtime: catalog.runtime(), ...stage });
    },
    history,
    insights: createInsightsApi({ history, runtime: () => catalog.runtime(), ...stage, now }),
    fixes: createFixApi(fixes),
    statusPage: () => buildStatusPage({ history, runtime: () => catalog.runtime(), now, ...stage }, '/status/'),
  });
  // The demo moves the clock as a script would, through `POST /api/clock`.
  const advanceClock = async (seconds: number): Promise<void> => {
    await fetch(`${url}/api/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: seconds }) });
  };
  if (options.uiDir !== false) ui = await uiHandlerFor(options.uiDir ?? UI_DIST, server);

  let closing = false;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const demoDone = options.demo
    ? runDemoScenario({ fireSample: async (file) => (await fireSample(file)) ?? [], alertKeyFor, acknowledge, advanceClock, putMetrics: async (body) => void metrics.put(body), fixRuns: () => fixes.runs().length, now, plannedWork: () =>
        maintenance.list().map((work) => {
          const window = catalog.runtime().maintenance?.find((w) => w.id === work.id);
          if (!window || !work.next) return work;
          const timeZone = timeZoneFor(catalog.runtime().config, options.stage);
          const notice = renderMaintenanceNotice({ phase: 'before', title: window.title, ...(window.message ? { message: window.message } : {}), start: new Date(work.next.start), end: new Date(work.next.end), template: 'product-leads', timeZone });
          return { ...work, notice: notice.text };
        }), sleep, log, stopped: () => closing }).catch((error: unknown) => {
        // A step cut short by Ctrl-C is expected; anything else is worth a line.
        if (!closing) log(`demo stopped: ${(error as Error).message}`);
      })
    : Promise.resolve();

  return {
    url,
    port,
    signingSecret,
    generatedSecret,
    delivery,
    slackApiUrl,
    catalogDir,
    ...(options.dataDir ? { dataDir: path.resolve(cwd, options.dataDir) } : {}),
    uiMode: ui?.mode ?? 'none',
    emulator,
    pagerDuty,
    metrics,
    fixes,
    history,
    queue,
    catalog,
    clock,
    schedules,
    enqueue,
    idle: () => pump.idle(),
    async settled(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pump.idle()) {
        if (Date.now() > deadline) throw new Error(`the queue did not settle within ${timeoutMs} ms (depth ${queue.depth()})`);
        await sleep(20);
      }
    },
    demoDone,
    async close() {
      if (closing) return;
      closing = true;
      schedules.close();
      clockDriver.close();
      await pump.stop();
      catalog.close();
      stream.close();
      await ui?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await emulator.close();
      await dynamo.close();
    },
  };
}

function rank(order: string[], channel: { id: string; name: string }): number {
  const at = order.indexOf(channel.name);
  const byId = order.indexOf(channel.id);
  return at >= 0 ? at : byId >= 0 ? byId : order.length;
}

function reportResult(result: SignalResult, log: (line: string) => void): void {
  if (result.outcome === 'refresh-not-needed') return;
  if (result.outcome === 'summary') return log(`  summary: ${result.detail ?? 'done'}`);
  const what = result.catalogId ?? (result.outcome === 'refresh' ? 'refresh' : 'uncatalogued');
  const held = result.held ? `; held for the summary: ${result.held.join(', ')}` : '';
  log(`  ${what}: ${result.outcome}${result.detail ? ` (${result.detail})` : ''}${held}`);
}

function reportCatalog(status: CatalogStatus, log: (line: string) => void): void {
  if (status.ok) {
    log(`catalog reloaded: ${status.entries} entries, ${status.warnings.length} warning${status.warnings.length === 1 ? '' : 's'}`);
    return;
  }
  log(`catalog has errors; the last good catalog (${status.entries} entries) stays in force:`);
  for (const line of status.errors) log(`  ${line}`);
}

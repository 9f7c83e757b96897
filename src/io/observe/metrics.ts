import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What the bot counts, in Prometheus' format. */
export class Metrics {
  readonly registry = new Registry();
  private readonly commands = new Counter({
    name: 'ptgbot_commands_total',
    help: 'Commands handled, by kind (e.g. track.now, admin.add; refused by the rules, invalid, fault as well).',
    labelNames: ['kind'],
    registers: [this.registry],
  });
  private readonly replies = new Counter({
    name: 'ptgbot_replies_total',
    help: 'Replies and notifications the bot sent back.',
    labelNames: ['type'],
    registers: [this.registry],
  });
  private readonly faults = new Counter({
    name: 'ptgbot_handler_faults_total',
    help: 'Events whose handling threw: each was undone and reported, and the bot went on.',
    registers: [this.registry],
  });
  private readonly drops = new Counter({
    name: 'ptgbot_send_dropped_total',
    help: 'Lines dropped instead of sent, by reason (absent nick, full queue, invalid target).',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly saves = new Histogram({
    name: 'ptgbot_snapshot_save_seconds',
    help: 'Time to make a batch of changes durable (a journal append, or a whole snapshot).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  private gauges = { sendQueueDepth: () => 0, liveClients: () => 0 };

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ptgbot_' });
    const gauges = () => this.gauges;
    new Gauge({
      name: 'ptgbot_send_queue_depth',
      help: 'Lines waiting to be sent to IRC.',
      registers: [this.registry],
      collect() {
        this.set(gauges().sendQueueDepth());
      },
    });
    new Gauge({
      name: 'ptgbot_sse_clients',
      help: 'Pages following the live stream.',
      registers: [this.registry],
      collect() {
        this.set(gauges().liveClients());
      },
    });
  }

  command(kind: string): void {
    this.commands.inc({ kind });
  }

  reply(type: 'reply' | 'notify'): void {
    this.replies.inc({ type });
  }

  /** Where the gauges read from, once the parts they watch exist. */
  watch(gauges: { sendQueueDepth: () => number; liveClients: () => number }): void {
    this.gauges = gauges;
  }

  dropped(reason: string): void {
    this.drops.inc({ reason });
  }

  fault(): void {
    this.faults.inc();
  }

  saved(seconds: number): void {
    this.saves.observe(seconds);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

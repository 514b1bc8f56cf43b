import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { recordCheckpoint } from './audit-chain';

/** How often the server makes sure today's checkpoint exists (it is recorded once per day). */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * Publishes the head of the audit chain once a day ("kontrollsumma" on the notice board): at
 * start-up, then hourly a check that records the day's checkpoint if it is still missing.
 * Idempotent (one row per Stockholm day, ON CONFLICT DO NOTHING): several servers are safe.
 */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditCheckpointService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.record();
    this.timer = setInterval(() => void this.record(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async record(): Promise<void> {
    try {
      await recordCheckpoint(this.dataSource);
    } catch (error) {
      this.logger.warn(`could not record the audit checkpoint: ${(error as Error).message}`);
    }
  }
}

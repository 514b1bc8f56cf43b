import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DatabaseRoleCheck } from '../database/database-role';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roleCheck: DatabaseRoleCheck,
  ) {}

  /** 200 when the database answers (503 otherwise), naming the database role and its risks. */
  @Get()
  async health() {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new ServiceUnavailableException('database unreachable');
    }
    return { status: 'ok', database: 'up', databaseRole: await this.roleCheck.current() };
  }
}

import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { BodiesModule } from './bodies/bodies.module';
import { AuthGuard } from './common/auth/auth.guard';
import { RateLimiter } from './common/rate-limit';
import { IdempotencyInterceptor } from './common/idempotency/idempotency.interceptor';
import { IdempotencyService } from './common/idempotency/idempotency.service';
import { InputGuardMiddleware } from './common/input-guard';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { dataSourceOptions } from './database/data-source';
import { LoggingModule, PINO, createHttpLogger } from './logging/logging.module';
import { HealthController } from './health/health.controller';
import { OrganisationsModule } from './organisations/organisations.module';
import { PeopleModule } from './people/people.module';
import { ExtractsModule } from './extracts/extracts.module';
import { DecisionsModule } from './decisions/decisions.module';
import { DelegationsModule } from './delegations/delegations.module';
import { GrantsModule } from './grants/grants.module';
import { MeetingFactsModule } from './meeting-facts/meeting-facts.module';
import { MinutesModule } from './minutes/minutes.module';
import { TranscribedModule } from './transcribed/transcribed.module';
import { MotionsModule } from './motions/motions.module';
import { NumberingModule } from './numbering/numbering.module';
import { UsersModule } from './users/users.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.DATABASE_URL)
          throw new Error('DATABASE_URL must be resolved before the app starts');
        return { ...dataSourceOptions(config.DATABASE_URL), migrationsRun: false };
      },
    }),
    DatabaseModule,
    UsersModule,
    AuditModule,
    OrganisationsModule,
    BodiesModule,
    PeopleModule,
    ExtractsModule,
    DecisionsModule,
    GrantsModule,
    MinutesModule,
    MeetingFactsModule,
    TranscribedModule,
    MotionsModule,
    DelegationsModule,
    NumberingModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    RateLimiter,
    IdempotencyService,
  ],
})
export class AppModule implements NestModule {
  constructor(@Inject(PINO) private readonly pino: Pino) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(createHttpLogger(this.pino), RequestContextMiddleware, InputGuardMiddleware)
      .forRoutes('{*path}');
  }
}

import { Global, Module } from '@nestjs/common';
import { DatabaseRoleCheck } from './database-role';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  providers: [TransactionRunner, DatabaseRoleCheck],
  exports: [TransactionRunner, DatabaseRoleCheck],
})
export class DatabaseModule {}

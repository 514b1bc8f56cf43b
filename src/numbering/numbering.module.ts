import { Module } from '@nestjs/common';
import { NumberingController } from './numbering.controller';
import { NumberingService } from './numbering.service';

/** Paragraph numbering as the body writes it: reference patterns and the next number. */
@Module({ controllers: [NumberingController], providers: [NumberingService] })
export class NumberingModule {}

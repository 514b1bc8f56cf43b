import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { bodyParserErrors, corsForPublicReads, securityHeaders } from './common/http-hardening';
import { AppConfig } from './config/app-config';
import { PinoLogger } from './logging/logging.module';

/** Everything main.ts and the tests both apply to the application instance. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(PinoLogger));
  const config = app.get(AppConfig);
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(securityHeaders(config.PUBLIC_BASE_URL!));
  express.use(corsForPublicReads());
  // Replaces Nest's default parsers (100 kB); larger bodies get a 413 problem document.
  express.useBodyParser('json', { limit: config.BODY_LIMIT_BYTES });
  express.useBodyParser('urlencoded', { limit: config.BODY_LIMIT_BYTES, extended: true });
  express.use(bodyParserErrors());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Decision register')
      .setDescription(
        'Board decisions, minutes, motions, extracts and the grant applications they authorise, for Swedish regions and municipalities.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}

import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { PinoLoggerService } from './common/logging';

/** Everything main.ts and the tests both apply to the application instance. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(PinoLoggerService));
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

import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { fulfilmentAsyncApi } from '@app/contracts';
import { Public } from '@app/platform';

/** The AsyncAPI 3 document of the public Kafka contract (`fulfilment.shipments`). */
@Public()
@ApiExcludeController()
@Controller('asyncapi.json')
export class AsyncApiController {
  private readonly document = fulfilmentAsyncApi(process.env.KAFKA_PUBLIC_BROKERS ?? 'kafka:9092');

  @Get()
  @Header('Cache-Control', 'public, max-age=300')
  get(): ReturnType<typeof fulfilmentAsyncApi> {
    return this.document;
  }
}

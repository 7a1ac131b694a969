import { MessagePattern, Payload } from '@nestjs/microservices';
import { NotificationsRpc, type ListEventsRequest, type Page, type PublicEvent, type RpcRequest } from '@app/contracts';
import { RpcController } from '@app/platform';
import { FeedService } from './feed.service';

@RpcController()
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @MessagePattern(NotificationsRpc.listEvents)
  list(@Payload() r: RpcRequest<ListEventsRequest>): Promise<Page<PublicEvent>> {
    return this.feed.list(r.caller, r.payload);
  }
}

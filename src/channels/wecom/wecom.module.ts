import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { ConversationModule } from '../../conversation/conversation.module';
import { TurnPipeline } from '../../conversation/turn.pipeline';
import { I18nService } from '../../conversation/i18n.service';
import { InboxService } from '../../inbox/inbox.service';
import { InboxWorker } from '../../inbox/inbox.worker';
import { OrgModule } from '../../org/org.module';
import { OrgRepository } from '../../org/org.repository';
import { OutboxDispatcher } from '../../outbox/outbox.dispatcher';
import { OutboxRepository } from '../../outbox/outbox.repository';
import { OutboxService } from '../../outbox/outbox.service';
import { TicketLifecycleService } from '../../tickets/ticket-lifecycle.service';
import { TicketsModule } from '../../tickets/tickets.module';
import { WecomApiClient } from './wecom-api.client';
import { WecomAppProcessor } from './wecom-app.processor';
import { WecomAppTransport } from './wecom-app.transport';
import { WECOM_APP_SOURCE, WECOM_CRYPTO, WECOM_KF_EVENT_SOURCE, WecomCallbackController } from './wecom-callback.controller';
import { WecomCardActions } from './wecom-card-actions';
import { WecomCrypto } from './wecom-crypto';
import { WECOM_KF_MSG_SOURCE, WecomKfSync } from './wecom-kf-sync';
import { WecomKfProcessor } from './wecom-kf.processor';
import { WecomKfTransport } from './wecom-kf.transport';
import { WecomMedia } from './wecom-media';

/** Connects the WeCom pieces to the inbox (what arrives) and the outbox (what leaves) once the app starts. */
@Injectable()
class WecomChannels implements OnModuleInit {
  constructor(
    private readonly api: WecomApiClient,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly inbox: InboxService,
    private readonly worker: InboxWorker,
    private readonly outbox: OutboxService,
    private readonly outboxRepo: OutboxRepository,
    private readonly dispatcher: OutboxDispatcher,
    private readonly conversation: TurnPipeline,
    private readonly lifecycle: TicketLifecycleService,
    private readonly org: OrgRepository,
    private readonly i18n: I18nService,
  ) {}

  onModuleInit(): void {
    const { api, dataSource, clock, outbox } = this;
    this.dispatcher.register(new WecomAppTransport(api, this.outboxRepo, clock));
    this.dispatcher.register(new WecomKfTransport(api, this.outboxRepo, dataSource, clock));
    const cards = new WecomCardActions(this.lifecycle, this.org, outbox, dataSource, this.i18n);
    const media = new WecomMedia(api, dataSource);
    const app = new WecomAppProcessor(this.conversation, outbox, dataSource, (click, id) => cards.handle(click, id), media, this.i18n.t('wecom.reply_by_number'));
    const sync = new WecomKfSync(api, this.inbox, dataSource, clock);
    const kf = new WecomKfProcessor(this.conversation, outbox, api, dataSource, clock, media);
    this.worker.register(WECOM_APP_SOURCE, (row) => app.process(row));
    this.worker.register(WECOM_KF_EVENT_SOURCE, async (row) => void (await sync.process(row)));
    this.worker.register(WECOM_KF_MSG_SOURCE, (row) => kf.process(row));
  }
}

/** WeCom callbacks, Customer Service and member cards; imported only when WeCom is configured. */
@Module({})
export class WecomModule {
  static forRoot(): DynamicModule {
    return {
      module: WecomModule,
      imports: [ConversationModule, TicketsModule, OrgModule],
      controllers: [WecomCallbackController],
      providers: [
        {
          provide: WECOM_CRYPTO,
          useFactory: (config: AppConfig) =>
            new WecomCrypto({ token: config.wecom.token, encodingAesKey: config.wecom.encodingAesKey, corpId: config.wecom.corpId }),
          inject: [APP_CONFIG],
        },
        {
          provide: WecomApiClient,
          useFactory: (config: AppConfig, clock: Clock) =>
            new WecomApiClient({
              apiBase: config.wecom.apiBase,
              corpId: config.wecom.corpId,
              secrets: { app: config.wecom.secret, ...(config.wecom.kfSecret ? { kf: config.wecom.kfSecret } : {}) },
              agentId: config.wecom.agentId,
              timeoutMs: config.wecom.requestTimeoutMs,
              now: () => clock.now().getTime(),
            }),
          inject: [APP_CONFIG, Clock],
        },
        WecomChannels,
      ],
      exports: [WecomApiClient],
    };
  }
}


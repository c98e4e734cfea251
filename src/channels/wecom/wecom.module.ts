import { DynamicModule, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { APP_CONFIG } from '../../config/config.module';
import type { AppConfig } from '../../config/config.schema';
import { ConversationModule } from '../../conversation/conversation.module';
import { InboxWorker } from '../../inbox/inbox.worker';
import { OrgModule } from '../../org/org.module';
import { OutboxDispatcher } from '../../outbox/outbox.dispatcher';
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
import { InboxModule } from '../../inbox/inbox.module';
import { OutboxModule } from '../../outbox/outbox.module';

/** Connects the WeCom providers to the inbox (what arrives) and the outbox (what leaves) once the app starts. */
@Injectable()
class WecomChannels implements OnModuleInit {
  constructor(
    private readonly worker: InboxWorker,
    private readonly dispatcher: OutboxDispatcher,
    private readonly appTransport: WecomAppTransport,
    private readonly kfTransport: WecomKfTransport,
    private readonly app: WecomAppProcessor,
    private readonly sync: WecomKfSync,
    private readonly kf: WecomKfProcessor,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register(this.appTransport);
    this.dispatcher.register(this.kfTransport);
    this.worker.register(WECOM_APP_SOURCE, (row) => this.app.process(row));
    this.worker.register(WECOM_KF_EVENT_SOURCE, async (row) => void (await this.sync.process(row)));
    this.worker.register(WECOM_KF_MSG_SOURCE, (row) => this.kf.process(row));
  }
}

/** WeCom callbacks, Customer Service and member cards; imported only when WeCom is configured. */
@Module({})
export class WecomModule {
  static forRoot(): DynamicModule {
    return {
      module: WecomModule,
      imports: [ConversationModule, TicketsModule, OrgModule, InboxModule, OutboxModule],
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
        WecomAppTransport,
        WecomKfTransport,
        WecomMedia,
        WecomCardActions,
        WecomAppProcessor,
        WecomKfSync,
        WecomKfProcessor,
        WecomChannels,
      ],
      exports: [WecomApiClient],
    };
  }
}


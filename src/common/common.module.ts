import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/** Cross-cutting providers every feature may inject. Tests pass a `ManualClock` to move time. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return { module: CommonModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}

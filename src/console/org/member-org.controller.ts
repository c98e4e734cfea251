import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConsoleAuth, CurrentPrincipal } from '../../auth/console-auth.decorator';
import type { Principal } from '../../auth/principal';
import { MemberOrgService, MemberWorkstationView } from './member-org.service';

@ApiTags('member')
@ConsoleAuth('member')
@Controller('api/member')
export class MemberOrgController {
  constructor(private readonly org: MemberOrgService) {}

  @Get('org')
  @ApiOperation({ summary: "The workstations in the caller's scope with their members (phones masked) and who is on duty" })
  view(@CurrentPrincipal() principal: Principal): Promise<MemberWorkstationView[]> {
    return this.org.view(principal);
  }
}

import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  SettlementRpc,
  type PutBankAccountRequest,
  type RpcRequest,
  type SellerBalance,
  type SellerBankAccount,
  type SellerStatement,
  type SellerStatementRequest,
} from '@app/contracts';
import { RpcController } from '@app/platform';
import { SellersService } from './sellers.service';
import { SellerStatementService } from './seller-statement.service';

@RpcController()
export class SellersController {
  constructor(
    private readonly sellers: SellersService,
    private readonly statements: SellerStatementService,
  ) {}

  @MessagePattern(SettlementRpc.getBalance)
  balance(@Payload() r: RpcRequest<{ sellerId: string }>): Promise<SellerBalance> {
    return this.sellers.balance(r.caller, r.payload.sellerId);
  }

  @MessagePattern(SettlementRpc.getStatement)
  statement(@Payload() r: RpcRequest<SellerStatementRequest>): Promise<SellerStatement> {
    return this.statements.statement(r.caller, r.payload);
  }

  @MessagePattern(SettlementRpc.putBankAccount)
  putBankAccount(@Payload() r: RpcRequest<PutBankAccountRequest>): Promise<SellerBankAccount> {
    return this.sellers.putBankAccount(r.caller, r.payload);
  }
}

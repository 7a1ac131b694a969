import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  OrderStatuses,
  ShipmentStatuses,
  type OrderStatus,
  type OrderView,
  type QuoteView,
  type ShipmentStatus,
  type SubOrderView,
} from '@app/contracts';

class QuoteLineDto {
  @ApiProperty() sellerId: string;
  @ApiProperty({ example: 'HTX Nông nghiệp Lục Ngạn' }) sellerName: string;
  @ApiProperty({ example: 2000 }) weightGrams: number;
  @ApiProperty({ enum: ['intra_province', 'intra_region', 'inter_region'] }) zone: 'intra_province' | 'intra_region' | 'inter_region';
  @ApiProperty({ example: 37000 }) shippingVnd: number;
  @ApiProperty({ example: 5000, description: 'The carrier’s fee for collecting the cash (borne by the seller).' }) codFeeVnd: number;
  @ApiProperty({ example: 130000 }) itemsVnd: number;
}

export class QuoteViewDto implements QuoteView {
  @ApiProperty({ type: [QuoteLineDto] }) perSeller: QuoteLineDto[];
  @ApiProperty({ example: 130000 }) itemsVnd: number;
  @ApiProperty({ example: 37000 }) shippingVnd: number;
  @ApiProperty({ example: 5000 }) codFeeVnd: number;
  @ApiProperty({ example: 167000, description: 'What the buyer pays the postman.' }) codVnd: number;
}

class OrderItemViewDto {
  @ApiProperty() productId: string;
  @ApiProperty({ example: 'Vải thiều Lục Ngạn' }) name: string;
  @ApiProperty({ example: 'kg' }) unit: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiProperty({ example: 65000 }) unitPriceVnd: number;
  @ApiProperty({ example: 130000 }) lineVnd: number;
}

class RejectedLineDto {
  @ApiProperty() productId: string;
  @ApiProperty() quantity: number;
  @ApiProperty() available: number;
  @ApiProperty({ example: 'insufficient_stock' }) reason: string;
}

class SubOrderViewDto implements SubOrderView {
  @ApiProperty() id: string;
  @ApiProperty() sellerId: string;
  @ApiProperty() sellerName: string;
  @ApiProperty({ enum: ['pending', 'reserved', 'rejected', 'released'] }) status: 'pending' | 'reserved' | 'rejected' | 'released';
  @ApiProperty({ type: String, nullable: true }) shipmentId: string | null;
  @ApiProperty({ enum: ShipmentStatuses, nullable: true }) shipmentStatus: ShipmentStatus | null;
  @ApiProperty({ type: String, nullable: true, example: 'VNPOST' }) carrierCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The carrier’s waybill number.' }) trackingCode: string | null;
  @ApiProperty() itemsVnd: number;
  @ApiProperty() shippingVnd: number;
  @ApiProperty() codVnd: number;
  @ApiProperty({ type: [OrderItemViewDto] }) items: OrderItemViewDto[];
  @ApiPropertyOptional({ type: [RejectedLineDto] }) rejection?: RejectedLineDto[];
}

class OrderAddressDto {
  @ApiProperty() provinceCode: string;
  @ApiProperty({ example: 'Thành phố Hồ Chí Minh' }) provinceName: string;
  @ApiProperty() wardCode: string;
  @ApiProperty({ example: 'Phường Sài Gòn' }) wardName: string;
  @ApiProperty() line: string;
}

class BuyerViewDto {
  @ApiProperty() name: string;
  @ApiProperty({ example: '+84987654321', description: 'Masked for partners.' }) phone: string;
}

export class OrderViewDto implements OrderView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: OrderStatuses }) status: OrderStatus;
  @ApiProperty({ type: BuyerViewDto }) buyer: BuyerViewDto;
  @ApiProperty({ type: OrderAddressDto }) address: OrderAddressDto;
  @ApiProperty({ enum: ['cod'] }) paymentMethod: 'cod';
  @ApiProperty({ example: 130000 }) itemsVnd: number;
  @ApiProperty({ example: 37000 }) shippingVnd: number;
  @ApiProperty({ example: 167000 }) codVnd: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was rejected or cancelled.' }) reason: string | null;
  @ApiProperty({ type: [SubOrderViewDto], description: 'One per seller; a partner sees only its sellers’.' }) subOrders: SubOrderViewDto[];
  @ApiProperty({ example: '2026-01-28T10:00:00+07:00' }) placedAt: string;
  @ApiProperty({ example: '2026-01-28T10:00:05+07:00' }) updatedAt: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DeclineReasons,
  OrderAcceptanceModes,
  OrderStatuses,
  ShipmentStatuses,
  SubOrderStatuses,
  type DeclineReason,
  type OrderAcceptance,
  type OrderStatus,
  type OrderView,
  type PickupWindow,
  type QuoteView,
  type ShipmentStatus,
  type SubOrderStatus,
  type SubOrderView,
  type TrackingEntry,
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

export class PickupWindowViewDto implements PickupWindow {
  @ApiProperty({ example: '2026-01-29T08:00:00+07:00' }) from: string;
  @ApiProperty({ example: '2026-01-29T11:00:00+07:00' }) to: string;
}

class TrackingEntryDto implements TrackingEntry {
  @ApiProperty({ enum: ShipmentStatuses }) status: ShipmentStatus;
  @ApiProperty({ example: '2026-01-29T09:12:00+07:00' }) occurredAt: string;
  @ApiPropertyOptional({ example: 'Bưu cục Lục Ngạn' }) location?: string;
  @ApiPropertyOptional({ example: '200', description: 'The carrier’s own status code.' }) carrierStatusCode?: string;
}

class SubOrderViewDto implements SubOrderView {
  @ApiProperty() id: string;
  @ApiProperty() sellerId: string;
  @ApiProperty() sellerName: string;
  @ApiProperty({
    enum: SubOrderStatuses,
    description:
      '`awaiting_seller`: stock reserved, the seller has until `acceptBy` to accept or decline; `accepted`: the shipment is requested; `declined` / `expired`: stock released, the order’s totals lowered.',
  })
  status: SubOrderStatus;
  @ApiProperty({ enum: OrderAcceptanceModes, description: 'How the seller took orders when this one was placed.' })
  acceptance: OrderAcceptance;
  @ApiProperty({ type: String, nullable: true, example: '2026-01-29T10:00:00+07:00', description: 'The seller’s deadline.' })
  acceptBy: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'When the seller answered, or the deadline passed.' }) answeredAt:
    string | null;
  @ApiProperty({ type: PickupWindowViewDto, nullable: true }) pickupWindow: PickupWindowViewDto | null;
  @ApiProperty({ enum: DeclineReasons, nullable: true }) declineReason: DeclineReason | null;
  @ApiProperty({ type: String, nullable: true }) sellerNote: string | null;
  @ApiProperty({ type: String, nullable: true }) shipmentId: string | null;
  @ApiProperty({ enum: ShipmentStatuses, nullable: true }) shipmentStatus: ShipmentStatus | null;
  @ApiProperty({ type: String, nullable: true, example: 'VNPOST' }) carrierCode: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The carrier’s waybill number.' }) trackingCode: string | null;
  @ApiProperty() itemsVnd: number;
  @ApiProperty() shippingVnd: number;
  @ApiProperty() codVnd: number;
  @ApiProperty({ type: [OrderItemViewDto] }) items: OrderItemViewDto[];
  @ApiPropertyOptional({ type: [RejectedLineDto] }) rejection?: RejectedLineDto[];
  @ApiPropertyOptional({ type: [TrackingEntryDto], description: 'The parcel’s journey, oldest first (reading one order).' })
  tracking?: TrackingEntryDto[];
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

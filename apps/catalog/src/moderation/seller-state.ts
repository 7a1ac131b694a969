import { IllegalTransitionError } from '@app/platform';
import type { Seller } from '../sellers/seller.entity';

export type SellerStanding = Seller['status'];

/**
 * A seller's standing, set by operators only: `suspended` takes every product of the seller off
 * the storefronts, `active` brings them back. Moderating a seller to the standing it has is
 * allowed (the operator's request is repeatable).
 */
const TRANSITIONS: Record<SellerStanding, readonly SellerStanding[]> = {
  active: ['active', 'suspended'],
  suspended: ['suspended', 'active'],
};

export function canTransition(from: SellerStanding, to: SellerStanding): boolean {
  return TRANSITIONS[from].includes(to);
}

function move(seller: Seller, to: SellerStanding): void {
  if (!canTransition(seller.status, to)) throw new IllegalTransitionError('Seller', seller.status, to);
  seller.status = to;
}

export function suspend(seller: Seller): void {
  move(seller, 'suspended');
}

export function reinstate(seller: Seller): void {
  move(seller, 'active');
}

/** One row of the operator's daily report: a carrier and a province (delivery address). */
export interface DailyReportRow {
  carrierCode: string;
  provinceCode: string;
  delivered: number;
  returned: number;
  codCollectedVnd: number;
  /** COD of this group's shipments covered by remittances reconciled that day. */
  codRemittedVnd: number;
  /** Delivered COD not yet remitted, at the end of the day. */
  codOutstandingVnd: number;
}

export interface DailyReport {
  /** Vietnam calendar date. */
  date: string;
  ordersPlaced: { total: number; itemsVnd: number; codVnd: number; byProvince: { provinceCode: string; count: number; codVnd: number }[] };
  byCarrier: Omit<DailyReportRow, 'provinceCode'>[];
  byProvince: Omit<DailyReportRow, 'carrierCode'>[];
  rows: DailyReportRow[];
}

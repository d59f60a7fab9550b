// The peer type-check consumer for orval (fetch client): the same 8 calls as ../ours/calls.ts, through the
// functions it generated into the scratch folder (orval's fetch functions take path parameters positionally
// and RequestInit last; they answer { data, status, headers }).
import {
  exportAuditLogsV2GiftcardsAuditLogsExportPost,
  getExportStatusV2GiftcardsAuditLogsExportTaskIdGet,
  getGiftCardDetailsV2GiftcardsProgramsProgramIdCardsCardIdGet,
  getGiftCardsV2GiftcardsProgramsProgramIdCardsGet,
  getMerchantThemeV2GiftcardsMerchantsThemeGet,
  getNetworkOverviewV2GiftcardsNetworkOverviewGet,
  giftCardHealthCheckV2GiftcardsHealthGet,
  queryAuditLogsV2GiftcardsAuditLogsGet,
} from "../../../.tmp/bench-peers/orval/api.js";

export async function consumer(): Promise<unknown[]> {
  const init = { headers: { Authorization: "Bearer ld_test_x" } };
  const status = await getExportStatusV2GiftcardsAuditLogsExportTaskIdGet("3f0c", init);
  const logs = await queryAuditLogsV2GiftcardsAuditLogsGet({ page: 2 }, init);
  const health = await giftCardHealthCheckV2GiftcardsHealthGet(init);
  const theme = await getMerchantThemeV2GiftcardsMerchantsThemeGet(init);
  const overview = await getNetworkOverviewV2GiftcardsNetworkOverviewGet(undefined, init);
  const cards = await getGiftCardsV2GiftcardsProgramsProgramIdCardsGet("p1", undefined, init);
  const card = await getGiftCardDetailsV2GiftcardsProgramsProgramIdCardsCardIdGet("p1", "c1", undefined, init);
  const started = await exportAuditLogsV2GiftcardsAuditLogsExportPost({ format: "csv" }, init);
  return [
    status.status === 200 ? status.data.status : undefined,
    logs.data,
    health.data,
    theme.data,
    overview.data,
    cards.data,
    card.data,
    started.status === 202 ? started.data.taskId : undefined,
  ];
}

// The peer type-check consumer for @hey-api/openapi-ts (fetch client): the same 8 calls as ../ours/calls.ts,
// through the SDK functions it generated into the scratch folder.
import { createClient } from "../../../.tmp/bench-peers/hey-api/client/index.js";
import {
  exportAuditLogsV2GiftcardsAuditLogsExportPost,
  getExportStatusV2GiftcardsAuditLogsExportTaskIdGet,
  getGiftCardDetailsV2GiftcardsProgramsProgramIdCardsCardIdGet,
  getGiftCardsV2GiftcardsProgramsProgramIdCardsGet,
  getMerchantThemeV2GiftcardsMerchantsThemeGet,
  getNetworkOverviewV2GiftcardsNetworkOverviewGet,
  giftCardHealthCheckV2GiftcardsHealthGet,
  queryAuditLogsV2GiftcardsAuditLogsGet,
} from "../../../.tmp/bench-peers/hey-api/index.js";

export async function consumer(): Promise<unknown[]> {
  const client = createClient({ baseUrl: "https://api.loyalty.dog", headers: { Authorization: "Bearer ld_test_x" } });
  const status = await getExportStatusV2GiftcardsAuditLogsExportTaskIdGet({ client, path: { task_id: "3f0c" } });
  const logs = await queryAuditLogsV2GiftcardsAuditLogsGet({ client, query: { page: 2 } });
  const health = await giftCardHealthCheckV2GiftcardsHealthGet({ client });
  const theme = await getMerchantThemeV2GiftcardsMerchantsThemeGet({ client });
  const overview = await getNetworkOverviewV2GiftcardsNetworkOverviewGet({ client });
  const cards = await getGiftCardsV2GiftcardsProgramsProgramIdCardsGet({ client, path: { programId: "p1" } });
  const card = await getGiftCardDetailsV2GiftcardsProgramsProgramIdCardsCardIdGet({
    client,
    path: { programId: "p1", cardId: "c1" },
  });
  const started = await exportAuditLogsV2GiftcardsAuditLogsExportPost({ client, body: { format: "csv" } });
  return [
    status.data?.status,
    logs.data,
    health.data,
    theme.data,
    overview.data,
    cards.data,
    card.data,
    started.data?.taskId,
  ];
}

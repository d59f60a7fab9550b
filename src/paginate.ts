// `@loyaltydog/sdk/paginate`: walking page/limit lists, as functions taking the client.
import { type AnyLoyaltyDogClient, internalsOf } from "./core/client/client-internals.js";
import {
  type ItemOf,
  type PagedPath,
  type PageInit,
  type PageOf,
  paginateItems,
  paginatePages,
} from "./core/paging/paginate.js";

export type { AnyLoyaltyDogClient } from "./core/client/client-internals.js";
export type { ItemOf, PagedPath, PageInit, PageOf } from "./core/paging/paginate.js";

/** Every item of a page/limit list, across pages: `for await (const entry of paginate(client, "/v2/giftcards/audit-logs"))`. */
export function paginate<P extends PagedPath>(
  client: AnyLoyaltyDogClient,
  path: P,
  init?: PageInit<P>,
): AsyncGenerator<ItemOf<P>, void, undefined> {
  return paginateItems(internalsOf(client).api, path, init);
}

/** The same walk, one whole page at a time (with `total`, `pages`, …). */
export function pages<P extends PagedPath>(
  client: AnyLoyaltyDogClient,
  path: P,
  init?: PageInit<P>,
): AsyncGenerator<PageOf<P>, void, undefined> {
  return paginatePages(internalsOf(client).api, path, init);
}

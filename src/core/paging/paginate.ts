import type { Client, MaybeOptionalInit } from "openapi-fetch";
import type { paths } from "../../../generated/schema.js";
import { unwrap } from "../errors/unwrap.js";

/** GET paths whose query takes `page`: the page/limit (or page/pageSize) lists. */
export type PagedPath = {
  [P in keyof paths]: paths[P] extends { get: { parameters: { query?: infer Q } } }
    ? "page" extends keyof NonNullable<Q>
      ? P
      : never
    : never;
}[keyof paths];

type PageData<P extends PagedPath> = paths[P] extends {
  get: { responses: { 200: { content: { "application/json": infer D } } } };
}
  ? D
  : unknown;

/** One page as the server sent it: `{ items, total, page, pages, limit }` for typed lists, `unknown` for the untyped ones. */
export type PageOf<P extends PagedPath> = PageData<P>;
/** One entry of a page's `items`. */
export type ItemOf<P extends PagedPath> = PageData<P> extends { items: (infer T)[] } ? T : unknown;

export type PageInit<P extends PagedPath> = MaybeOptionalInit<paths[P], "get"> & {
  /** Stop after this many pages even if the server says there are more. */
  maxPages?: number;
};

/**
 * Walks a page/limit list from `page` (default 1) until the server says it
 * is done: `pages` reached, `total` items seen, an empty or short page.
 * Each page is one typed GET; errors are thrown as APIErrors.
 */
export async function* paginatePages<P extends PagedPath>(
  client: Client<paths>,
  path: P,
  init?: PageInit<P>,
): AsyncGenerator<PageOf<P>, void, undefined> {
  const { maxPages = Number.POSITIVE_INFINITY, ...rest } = (init ?? {}) as { maxPages?: number; params?: Params };
  const query = { ...rest.params?.query };
  let page = typeof query.page === "number" ? query.page : 1;
  const requestedSize = numberOr(query.limit, query.pageSize);
  let seen = 0;
  for (let fetched = 0; fetched < maxPages; fetched++) {
    const options = { ...rest, params: { ...rest.params, query: { ...query, page } } };
    const data = unwrap(await (client.GET as (p: string, o: unknown) => Promise<PageResult>)(path, options));
    yield data as PageOf<P>;
    const items = itemsOf(data);
    seen += items.length;
    const meta = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
    const size = requestedSize ?? numberOr(meta.limit, meta.pageSize);
    if (items.length === 0) return;
    if (typeof meta.pages === "number" && page >= meta.pages) return;
    if (typeof meta.total === "number" && seen >= meta.total) return;
    if (size !== undefined && items.length < size) return;
    page++;
  }
}

/** The same walk, one item at a time. */
export async function* paginateItems<P extends PagedPath>(
  client: Client<paths>,
  path: P,
  init?: PageInit<P>,
): AsyncGenerator<ItemOf<P>, void, undefined> {
  for await (const page of paginatePages(client, path, init)) {
    yield* itemsOf(page) as ItemOf<P>[];
  }
}

interface Params {
  query?: Record<string, unknown>;
  [k: string]: unknown;
}

interface PageResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function itemsOf(data: unknown): unknown[] {
  if (Array.isArray(data)) return data;
  const items = (data as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items : [];
}

function numberOr(...values: unknown[]): number | undefined {
  for (const v of values) if (typeof v === "number" && v > 0) return v;
  return undefined;
}

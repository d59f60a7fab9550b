// The TanStack Query example from README.md, with the package imports pointed at the sources. readme-example.test.ts
// checks that the two are the same (imports aside) and runs it.
import { useQueryClient } from "@tanstack/react-query";
import { createLoyaltyDogClient, RateLimitError } from "../../src/index.js";
import { createQueryHooks } from "../../src/react-query.js";

const client = createLoyaltyDogClient({ token: "ld_test_abc" });
const api = createQueryHooks(client);

export function useExportStatus(taskId: string) {
  const path = "/v2/giftcards/audit-logs/export/{task_id}";
  return api.useQuery("get", path, { params: { path: { task_id: taskId } } }, { refetchInterval: 2_000 });
}

export function useBulkIssue(programId: string) {
  const queryClient = useQueryClient();
  const issue = api.useMutation("post", "/v2/giftcards/programs/{programId}/cards/bulk", {
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: api.queryKey("get", "/v2/giftcards/programs/{programId}/cards") }),
  });
  return {
    issue: (count: number) => issue.mutate({ params: { path: { programId } }, body: { initialValue: 25, count } }),
    rateLimited: issue.error instanceof RateLimitError,
  };
}

/** A fetch that answers from a script of responses (or errors), recording every request it saw with its body. */
export function scriptedFetch(script: Array<Response | Error | ((req: Request) => Response | Promise<Response>)>) {
  const seen: { method: string; url: string; headers: Headers; body: string }[] = [];
  let i = 0;
  const fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    seen.push({ method: request.method, url: request.url, headers: request.headers, body: await request.text() });
    const step = script[Math.min(i++, script.length - 1)];
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(request);
    return (step as Response).clone();
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

import { describe, expect, test } from "bun:test";
import { Transport } from "./transport.ts";
import { NetworkError } from "./errors.ts";

describe("registry HTTP transport", () => {
  test("follows redirects, keeping the Authorization header only on the registry's own origin", async () => {
    const seen: { where: string; auth: string | null }[] = [];
    using storage = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: (req) => (seen.push({ where: "storage", auth: req.headers.get("authorization") }), new Response("blob bytes")),
    });
    using registry = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch(req) {
        seen.push({ where: new URL(req.url).pathname, auth: req.headers.get("authorization") });
        if (req.url.endsWith("/first")) return Response.redirect("/second", 307);
        return Response.redirect(`http://localhost:${storage.port}/bucket/blob?sig=1`, 307);
      },
    });
    const res = await new Transport().request(`http://127.0.0.1:${registry.port}/first`, { headers: { authorization: "Bearer secret" } });
    expect(await res.text()).toBe("blob bytes");
    expect(seen).toEqual([
      { where: "/first", auth: "Bearer secret" },
      { where: "/second", auth: "Bearer secret" },
      { where: "storage", auth: null },
    ]);
  });

  test("a redirect loop ends with an error, and a refused connection is a NetworkError", async () => {
    using loop = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => Response.redirect("/again", 302) });
    await expect(new Transport().request(`http://127.0.0.1:${loop.port}/`, {})).rejects.toThrow("more than 10 redirects");
    const port = loop.port;
    loop.stop(true);
    await expect(new Transport().request(`http://127.0.0.1:${port}/v2/`, {})).rejects.toBeInstanceOf(NetworkError);
  });
});

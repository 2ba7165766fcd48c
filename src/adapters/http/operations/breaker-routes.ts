import { z } from "zod";
import { overrideBreaker } from "../../../app/override-breaker.js";
import { UPSTREAMS, type BreakerBoard } from "../../../app/ports/breakers.js";
import type { RouteRegistrar } from "../context.js";
import { handler, noBody } from "../route-helpers.js";
import { presentBreaker } from "./snapshot.js";

const upstreamParam = z.object({ upstream: z.enum(UPSTREAMS, { message: `must be one of ${UPSTREAMS.join(", ")}` }) });
const overrideBody = z.object({
  mode: z
    .enum(["open", "close", "closed", "auto"], { message: "must be open, close or auto" })
    .transform((m) => (m === "close" ? "closed" : m)),
});

/** GET /api/v1/breakers; POST /api/v1/breakers/{upstream} {mode: open|close|auto}: the manual override. */
export function breakerRoutes(board: BreakerBoard): RouteRegistrar {
  return (server, ctx) => {
    server.get(
      "/api/v1/breakers",
      handler(ctx, noBody, async () => ({ breakers: (await board.list()).map(presentBreaker) })),
    );
    server.post(
      "/api/v1/breakers/:upstream",
      handler(ctx, overrideBody, async ({ actor, body, request }) => {
        const { upstream } = upstreamParam.parse(request.params);
        return { breaker: presentBreaker(await overrideBreaker(board, { actor, upstream, mode: body.mode })) };
      }),
    );
  };
}

// Authentication: every request must carry a known bearer token (admin, nodes) or a client
// certificate verified by the TLS layer. Nothing is anonymous.
import { errors } from "../../shared/api/errors.ts";
import type { User } from "./context.ts";

export interface Authenticator {
  authenticate(req: Request, peer?: User): User;
}

export class TokenAuthenticator implements Authenticator {
  private tokens = new Map<string, User>();

  add(token: string, user: User) {
    this.tokens.set(token, user);
  }

  remove(token: string) {
    this.tokens.delete(token);
  }

  authenticate(req: Request, peer?: User): User {
    const h = req.headers.get("authorization");
    if (h?.startsWith("Bearer ")) {
      const user = this.tokens.get(h.slice(7).trim());
      if (user) return user;
      throw errors.unauthorized();
    }
    if (peer) return peer;
    throw errors.unauthorized();
  }
}

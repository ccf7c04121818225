// Authentication: every request must carry a known bearer token (admin), a node's
// certificate-bound assertion, or a client certificate verified by the TLS layer. Nothing is
// anonymous. Bearer tokens go through a chain of verifiers; the first that knows one wins.
import { errors } from "../../shared/api/errors.ts";
import type { User } from "./context.ts";

export interface Authenticator {
  authenticate(req: Request, peer?: User): User | Promise<User>;
}

/** One way to recognise a bearer token: the user it names, or undefined when it names none. */
export interface TokenVerifier {
  verifyToken(token: string): User | undefined | Promise<User | undefined>;
}

function bearerOf(req: Request): string | undefined {
  const h = req.headers.get("authorization");
  return h?.startsWith("Bearer ") ? h.slice(7).trim() : undefined;
}

export class TokenAuthenticator implements Authenticator, TokenVerifier {
  private tokens = new Map<string, User>();

  add(token: string, user: User) {
    this.tokens.set(token, user);
  }

  remove(token: string) {
    this.tokens.delete(token);
  }

  verifyToken(token: string): User | undefined {
    return this.tokens.get(token);
  }

  authenticate(req: Request, peer?: User): User {
    const token = bearerOf(req);
    if (token !== undefined) {
      const user = this.tokens.get(token);
      if (user) return user;
      throw errors.unauthorized();
    }
    if (peer) return peer;
    throw errors.unauthorized();
  }
}

/** Tries each verifier in order for a bearer token; a request without one needs a peer identity. */
export class AuthenticatorChain implements Authenticator {
  constructor(private readonly verifiers: readonly TokenVerifier[]) {}

  authenticate(req: Request, peer?: User): User | Promise<User> {
    const token = bearerOf(req);
    if (token === undefined) {
      if (peer) return peer;
      throw errors.unauthorized();
    }
    return this.next(token, 0);
  }

  /** Synchronous while verifiers answer synchronously: the admin token costs no promise. */
  private next(token: string, i: number): User | Promise<User> {
    for (; i < this.verifiers.length; i++) {
      const r = this.verifiers[i]!.verifyToken(token);
      if (r instanceof Promise) return r.then((u) => u ?? this.next(token, i + 1));
      if (r) return r;
    }
    throw errors.unauthorized();
  }
}

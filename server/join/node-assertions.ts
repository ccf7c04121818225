// Bearer tokens that are certificate-bound node assertions (shared/pki/assertion.ts): the
// API's way to accept a node's client certificate over a transport that cannot read one.
import { AssertionError, isNodeAssertion } from "../../shared/pki/assertion.ts";
import { NodeAssertionVerifier, type AssertionVerifierOptions } from "../../shared/pki/assertion-verifier.ts";
import type { TokenVerifier } from "../api/auth.ts";
import type { User } from "../api/context.ts";

export class NodeAssertionAuthenticator implements TokenVerifier {
  private readonly verifier: NodeAssertionVerifier;

  constructor(
    opts: AssertionVerifierOptions,
    private readonly log?: (msg: string, fields?: Record<string, unknown>) => void,
  ) {
    this.verifier = new NodeAssertionVerifier(opts);
  }

  verifyToken(token: string): User | Promise<User | undefined> | undefined {
    const hit = this.verifier.cached(token);
    if (hit) return { name: hit.user, groups: hit.groups };
    if (!isNodeAssertion(token)) return undefined;
    return this.verifier.verify(token).then(
      (v) => ({ name: v.user, groups: v.groups }),
      (e) => {
        if (!(e instanceof AssertionError)) throw e;
        this.log?.("node assertion refused", { reason: e.message });
        return undefined;
      },
    );
  }
}

// The one door to @peculiar/x509. Every PKI file imports the library from here, never
// directly, so that the Reflect shim is installed and the WebCrypto provider is set first.
//
// Why `require` and not `import`: Bun evaluates CommonJS packages imported by an ES module
// ahead of that module's other ES imports, so `import "./reflect-shim.ts"` followed by
// `import ... from "@peculiar/x509"` would load tsyringe before the shim. A `require` in
// the module body runs after all of this module's imports, in the runtime and in the
// compiled binary alike.

import "./reflect-shim.ts";
import type * as X509 from "@peculiar/x509";

export type * from "@peculiar/x509";

export const x509: typeof X509 = require("@peculiar/x509");

x509.cryptoProvider.set(crypto);

/** kubun's one key algorithm: ECDSA over P-256, signatures with SHA-256. */
export const EC_ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

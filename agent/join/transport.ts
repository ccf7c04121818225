// How the agent reaches the server: fetch with per-request TLS settings, injectable so tests
// can route requests to an in-process server.

export interface TlsSettings {
  /** Trust exactly this CA (PEM). */
  readonly ca?: string;
  /** false only to download the CA before it can be checked by its hash. */
  readonly rejectUnauthorized?: boolean;
}

export type TlsFetch = (req: Request, tls: TlsSettings) => Promise<Response>;

export const tlsFetch: TlsFetch = (req, tls) => fetch(req, { tls } as RequestInit);

/** The message of a Status error body, or the start of whatever else the server answered. */
export async function failureText(res: Response): Promise<string> {
  const text = await res.text().catch(() => "");
  try {
    const s = JSON.parse(text) as { message?: unknown };
    if (typeof s.message === "string") return s.message;
  } catch {}
  return text.slice(0, 200) || res.statusText || `HTTP ${res.status}`;
}

// A minimal HTTPS client for the kubun API: bearer token, the cluster CA, JSON bodies.
// Every call reads the whole response body (so keep-alive connections are reused) and
// throws on a non-2xx status with the Status message.
import type { ConfigMap } from "kubernetes-types/core/v1";

export interface ApiTarget {
  url: string;
  token: string;
  caPem: string;
}

export class ApiClient {
  constructor(readonly target: ApiTarget) {}

  /** fetch with the bearer token and the CA; the caller owns the response. */
  raw(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = { authorization: `Bearer ${this.target.token}`, ...(init.headers as Record<string, string> | undefined) };
    return fetch(this.target.url + path, { ...init, headers, tls: { ca: this.target.caPem } } as RequestInit);
  }

  async json<T>(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
    const res = await this.raw(path, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": contentType },
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}: ${statusMessage(text)}`);
    return JSON.parse(text) as T;
  }

  createNamespace(name: string): Promise<unknown> {
    return this.json("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  }

  createConfigMap(namespace: string, name: string, data: Record<string, string>): Promise<ConfigMap> {
    const body: ConfigMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace }, data };
    return this.json("POST", `/api/v1/namespaces/${namespace}/configmaps`, body);
  }

  getConfigMap(namespace: string, name: string): Promise<ConfigMap> {
    return this.json("GET", `/api/v1/namespaces/${namespace}/configmaps/${name}`);
  }

  listConfigMaps(namespace: string): Promise<{ items: ConfigMap[]; metadata: { resourceVersion?: string } }> {
    return this.json("GET", `/api/v1/namespaces/${namespace}/configmaps`);
  }

  patchConfigMap(namespace: string, name: string, data: Record<string, string>): Promise<ConfigMap> {
    return this.json("PATCH", `/api/v1/namespaces/${namespace}/configmaps/${name}`, { data }, "application/merge-patch+json");
  }
}

function statusMessage(text: string): string {
  try {
    const s = JSON.parse(text) as { message?: string };
    if (s.message) return s.message;
  } catch {}
  return text.slice(0, 200);
}

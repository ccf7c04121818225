// Joining a cluster: token → pinned CA → node credential → a Client acting as the node.
export { NodeCredentials, ASSERTION_REFRESH_MS } from "./credentials.ts";
export { joinCluster, JoinError, type JoinClusterOptions } from "./join.ts";
export { agentCredentialPaths, type AgentCredentialPaths } from "./paths.ts";
export { tlsFetch, type TlsFetch, type TlsSettings } from "./transport.ts";

// The Kubernetes REST client shared by controllers (in process) and agents (over HTTPS).
export { Client, type ClientOptions, type DeleteOptions, type FetchLike, type ListOptions, type ListResult, type PatchOptions, type PatchType, type WatchOptions, type WriteOptions } from "./client.ts";
export { errorFromResponse, isAlreadyExists, isConflict, isForbidden, isGone, isInvalid, isMethodNotAllowed, isNotFound, statusErrorFrom, StatusError } from "./errors.ts";
export { apiVersionOf, qualifiedResource, queryString, resourcePath, supports, type ApiResource, type ResourcePath } from "./paths.ts";
export { jsonLines, watchStream, type WatchEvent, type WatchStream } from "./watch.ts";

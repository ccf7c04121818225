// Label and field selectors of a list or watch request, compiled once into a predicate.
import { errors } from "../../../shared/api/errors.ts";
import type { StoredObject } from "../../../shared/api/object.ts";
import { compileFieldSelector, parseLabelSelector, SelectorError } from "../../../shared/selectors/index.ts";
import type { ReadOptions } from "../request/options.ts";
import type { ResourceType } from "../registry/types.ts";

export interface Filter {
  /** True when nothing is filtered (paging can trust store counts). */
  trivial: boolean;
  matches(obj: StoredObject): boolean;
}

export function makeFilter(rt: ResourceType, opts: Pick<ReadOptions, "labelSelector" | "fieldSelector">): Filter {
  try {
    const label = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : undefined;
    const getters = {
      "metadata.name": (o: StoredObject) => o.metadata.name,
      "metadata.namespace": (o: StoredObject) => o.metadata.namespace ?? "",
      ...(rt.strategy.fieldSelectors ?? {}),
    } as Record<string, (o: StoredObject) => string | undefined>;
    const field = opts.fieldSelector ? compileFieldSelector(opts.fieldSelector, getters) : undefined;
    if (!label && !field) return { trivial: true, matches: () => true };
    return {
      trivial: false,
      matches: (o) => (!label || label.matches(o.metadata.labels ?? {})) && (!field || field(o)),
    };
  } catch (e) {
    if (e instanceof SelectorError) throw errors.badRequest(e.message);
    throw e;
  }
}

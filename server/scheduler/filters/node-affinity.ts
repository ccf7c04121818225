// NodeAffinity: spec.nodeSelector and required node affinity (nodeSelectorTerms) must allow the node.
import { podFitsNodeSelection } from "../node-selector.ts";
import { fail, OK, type Filter } from "../types.ts";

export const NODE_AFFINITY_REASON = "node(s) didn't match Pod's node affinity/selector";

export const nodeAffinity: Filter = (pod, node) => (podFitsNodeSelection(pod, node.node) ? OK : fail(NODE_AFFINITY_REASON));

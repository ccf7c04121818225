// @peculiar/x509 decorates its classes with tsyringe, which refuses to load without a
// `Reflect.getMetadata` polyfill. This is the smallest one that satisfies it: x509 never
// reads design-time metadata, it only needs the functions to exist. ./x509.ts imports this
// module before it requires the library; see there for why the order is guaranteed.

type Key = unknown;
type Target = object;

const store = new WeakMap<Target, Map<Key, unknown>>();
const reflect = Reflect as unknown as Record<string, unknown>;

function own(target: Target): Map<Key, unknown> | undefined {
  return store.get(target);
}

if (typeof reflect.getMetadata !== "function") {
  reflect.defineMetadata = (key: Key, value: unknown, target: Target) => {
    let m = store.get(target);
    if (!m) store.set(target, (m = new Map()));
    m.set(key, value);
  };
  reflect.getOwnMetadata = (key: Key, target: Target) => own(target)?.get(key);
  reflect.hasOwnMetadata = (key: Key, target: Target) => own(target)?.has(key) ?? false;
  reflect.getMetadata = (key: Key, target: Target): unknown => {
    for (let t: Target | null = target; t; t = Object.getPrototypeOf(t)) {
      const m = own(t);
      if (m?.has(key)) return m.get(key);
    }
    return undefined;
  };
  reflect.hasMetadata = (key: Key, target: Target) =>
    (reflect.getMetadata as (k: Key, t: Target) => unknown)(key, target) !== undefined;
  reflect.metadata = (key: Key, value: unknown) => (target: Target) =>
    (reflect.defineMetadata as (k: Key, v: unknown, t: Target) => void)(key, value, target);
}

export {};

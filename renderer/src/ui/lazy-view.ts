/** A named component export loaded on first render (its own chunk), for views not on the first screen. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

// `any` props: each view keeps its own props type, which LazyExoticComponent<M[K]> carries through.
export function lazyView<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

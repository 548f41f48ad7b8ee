/** Query key factory for maps: one place that knows every cache key of this feature. */
export const mapKeys = {
  all: ['maps'] as const,
  lists: () => [...mapKeys.all, 'list'] as const,
  detail: (id: string) => [...mapKeys.all, 'detail', id] as const,
};

/** Messages of the sync feature, in both languages (keys must match). */
export const syncEn = {
  title: 'sync',
};

export const syncZhCN: typeof syncEn = {
  title: 'sync',
};

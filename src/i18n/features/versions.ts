/** Messages of version history, in both languages (keys must match). */
export const versionsEn = {
  title: 'Version history',
};

export const versionsZhCN: typeof versionsEn = {
  title: '版本历史',
};

/** Messages of version history, in both languages (keys must match). */
export const versionsEn = {
  tab: 'History',
  title: 'Version history',
};

export const versionsZhCN: typeof versionsEn = {
  tab: '历史',
  title: '版本历史',
};

/** Messages of the mots feature, in both languages (keys must match). */
export const motsEn = {
  title: 'mots',
};

export const motsZhCN: typeof motsEn = {
  title: 'mots',
};

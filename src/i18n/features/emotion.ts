/** Messages of the emotion feature, in both languages (keys must match). */
export const emotionEn = {
  title: 'emotion',
};

export const emotionZhCN: typeof emotionEn = {
  title: 'emotion',
};

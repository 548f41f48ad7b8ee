/** Messages of walkthrough (presentation) mode, in both languages (keys must match). */
export const walkthroughEn = {
  title: 'Walkthrough',
};

export const walkthroughZhCN: typeof walkthroughEn = {
  title: '逐段讲解',
};

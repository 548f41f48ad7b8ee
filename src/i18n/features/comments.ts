/** Messages of comment threads, in both languages (keys must match). */
export const commentsEn = {
  tab: 'Comments',
  title: 'Comments',
};

export const commentsZhCN: typeof commentsEn = {
  tab: '评论',
  title: '评论',
};

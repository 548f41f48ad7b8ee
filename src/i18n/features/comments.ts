/** Messages of comment threads, in both languages (keys must match). */
export const commentsEn = {
  title: 'Comments',
};

export const commentsZhCN: typeof commentsEn = {
  title: '评论',
};

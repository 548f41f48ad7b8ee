/** Messages of dot voting, in both languages (keys must match). */
export const votingEn = {
  title: 'Dot voting',
};

export const votingZhCN: typeof votingEn = {
  title: '圆点投票',
};

/** Messages of dot voting, in both languages (keys must match). */
export const votingEn = {
  tab: 'Votes',
  title: 'Dot voting',
};

export const votingZhCN: typeof votingEn = {
  tab: '投票',
  title: '圆点投票',
};

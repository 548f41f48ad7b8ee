/** Messages of live co-editing and presence, in both languages (keys must match). */
export const liveEn = {
  connecting: 'Connecting…',
};

export const liveZhCN: typeof liveEn = {
  connecting: '正在连接…',
};

/** Messages of the editor feature, in both languages (keys must match). */
export const editorEn = {
  title: 'editor',
};

export const editorZhCN: typeof editorEn = {
  title: 'editor',
};

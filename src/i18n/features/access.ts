/** Messages of workspace sign-in and share links, in both languages (keys must match). */
export const accessEn = {
  signIn: {
    title: 'Sign in to this workspace',
    intro: 'Enter the workspace key that the person who runs MOT Canvas gave you, or open a share link.',
    key: 'Workspace key',
    submit: 'Sign in',
    checking: 'Checking…',
  },
};

export const accessZhCN: typeof accessEn = {
  signIn: {
    title: '登录此工作区',
    intro: '请输入运行 MOT Canvas 的人给你的工作区密钥，或打开分享链接。',
    key: '工作区密钥',
    submit: '登录',
    checking: '正在检查…',
  },
};

/**
 * Tailwind CSS 4 reads its theme from CSS (`src/styles.css`, `@theme`); this file is kept at the
 * top level, as the project layout requires, and is loaded there with `@config` so that editors and
 * tools that look for a config file find the content globs and the font stacks in one place.
 */
export default {
  content: ['./index.html', './src/**/*.{ts,tsx}'],
  theme: {
    extend: {
      fontFamily: {
        sans: [
          'Inter',
          'system-ui',
          '"Noto Sans CJK SC"',
          '"Noto Sans SC"',
          '"PingFang SC"',
          '"Microsoft YaHei"',
          'sans-serif',
        ],
      },
    },
  },
};

import type { ThemeConfig } from 'antd';

/** Government-calm: antd's default theme with the province's blue and text dark enough for WCAG AA. */
export const PRIMARY = '#1f4e8c';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorLink: PRIMARY,
    colorInfo: PRIMARY,
    borderRadius: 6,
    fontFamily:
      '"Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif',
    // antd's default secondary/tertiary text (45% black) is below 4.5:1 on white; these pass AA.
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextDescription: 'rgba(0, 0, 0, 0.64)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorBgLayout: '#f3f5f8',
    // antd's default red (#ff4d4f) is 3.3:1 on white; these keep danger text and links above 4.5:1.
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    colorErrorText: '#a8071a',
    colorSuccessText: '#135200',
    colorWarningText: '#873800',
  },
  components: {
    Layout: {
      headerBg: PRIMARY,
      headerHeight: 64,
      headerPadding: '0 16px',
      siderBg: '#ffffff',
      footerBg: '#f3f5f8',
    },
    Tree: { nodeSelectedBg: '#e3ecf7', nodeHoverBg: '#f0f4fa' },
    Menu: {
      itemBorderRadius: 6,
      groupTitleColor: 'rgba(0, 0, 0, 0.64)',
      itemSelectedBg: '#e3ecf7',
      itemSelectedColor: PRIMARY,
    },
  },
};

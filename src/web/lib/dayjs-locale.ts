import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { currentLang, i18n } from '../i18n.ts';

/**
 * antd's date pickers format with dayjs: keep its locale on the UI language. Imported by the
 * screens that show a picker, so dayjs stays out of the sign-in route.
 */
dayjs.locale(currentLang() === 'vi' ? 'vi' : 'en');
i18n.on('languageChanged', (lng) => {
  dayjs.locale(lng === 'en' ? 'en' : 'vi');
});

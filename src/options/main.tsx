import { render } from 'preact';
import { t, uiLanguage } from '../common/i18n.ts';
import { Options } from './Options.tsx';

// Screen readers pick their voice by the page's language: the language of the words, not of the HTML file.
document.documentElement.lang = uiLanguage();
document.title = t('optionsTitle');
render(<Options />, document.getElementById('app') as HTMLElement);

import { render } from 'preact';
import { uiLanguage } from '../common/i18n.ts';
import { App } from './shell/App.tsx';

// Screen readers pick their voice by the page's language: the language of the words, not of the HTML file.
document.documentElement.lang = uiLanguage();
render(<App />, document.getElementById('app') as HTMLElement);

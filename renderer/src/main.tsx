import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import '@fontsource/noto-serif/400.css';
// Japanese and syllabics text (templates carry both); unicode-range keeps unused subsets unloaded.
import '@fontsource/noto-sans-jp/400.css';
import '@fontsource/noto-sans-canadian-aboriginal/400.css';
import './styles.css';
import './i18n';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);

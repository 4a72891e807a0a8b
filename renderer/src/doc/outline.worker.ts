/** The outline's YAML parse off the page's thread: a 2,000-line protocol takes long enough to hold up typing. */
import { answerOutline, type OutlineRequest } from './outline-query';

self.onmessage = (e: MessageEvent<OutlineRequest>) => self.postMessage(answerOutline(e.data));

// KaTeX and its stylesheet (with the fonts it names): loaded by render/lazy
// only once a message has math, so the idle window never pays for them.
import 'katex/dist/katex.min.css';
import katex from 'katex';

export { katex };

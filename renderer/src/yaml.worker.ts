// Local entry so Vite bundles monaco-yaml's worker as our own module (see monaco-yaml's Vite FAQ).
import 'monaco-yaml/yaml.worker.js';

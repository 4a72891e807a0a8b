import { defineConfig } from 'vite';
import { rendererConfig } from './vite.shared';

export default defineConfig(rendererConfig());

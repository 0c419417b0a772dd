import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import { cleanGovukCss } from './src/styles/clean-govuk-css.ts';

// Every page is rendered on request (the data lives behind the API), by the Node adapter in standalone mode;
// serve.ts wraps its handler to read our env names and add headers to static files too.
export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  // The CSP allows styles only from files ('self'), so Astro must never inline a stylesheet.
  build: { inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  // Astro's HTML compression drops line-break whitespace between inline elements ("the<a>", "BetaThis is"),
  // which screen readers then read as one word; gzip takes most of the difference anyway.
  compressHTML: false,
  // No telemetry, no prefetch scripts: the site makes no request it does not need.
  prefetch: false,
  vite: {
    // Inlined assets would become data: URLs in scripts, which the CSP does not allow.
    build: { assetsInlineLimit: 0 },
    css: {
      preprocessorOptions: {
        scss: {
          // GOV.UK Frontend and MOJ Frontend address each other as `node_modules/...`; one load path makes
          // both resolve to the same files, so the GOV.UK base module is loaded (and configured) once.
          loadPaths: [import.meta.dirname],
          quietDeps: true,
        },
      },
      postcss: { plugins: [cleanGovukCss()] },
    },
  },
});

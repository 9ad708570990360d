import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The config runs in Node; this is all of Node it reads (no @types/node needed
// for `npm run check`).
declare const process: { env: Record<string, string | undefined> };

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: { target: "safari16", outDir: "dist", emptyOutDir: true },
  resolve: process.env.VITEST ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/setup.ts"],
  },
});

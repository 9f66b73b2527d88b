import path from "node:path"
import { defineConfig } from "vitest/config"

const root = import.meta.dirname
const alias = [
  { find: /^~(.*)$/, replacement: `${path.join(root, "extension")}/$1` },
  { find: /^@shared\/(.*)$/, replacement: `${path.join(root, "shared")}/$1` },
]

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        // NOTE: the root tsconfig's JSX settings are for tsc; vitest needs the automatic runtime spelled out.
        oxc: { jsx: { runtime: "automatic" } },
        test: {
          name: "component",
          include: ["tests/component/**/*.test.{ts,tsx}"],
          environment: "jsdom",
          setupFiles: ["tests/component/setup.ts"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

import js from "@eslint/js"
import reactHooks from "eslint-plugin-react-hooks"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  { ignores: ["node_modules/", "build/", ".plasmo/", "data/", "coverage/", "test-results/", "screenshots/", "server/db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-restricted-syntax": ["error", {
        selector: "ImportDeclaration[source.value=/^zod/] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
        message: "Write `import * as z from \"zod\"`: the named form crashes in Plasmo bundles.",
      }],
      "no-restricted-properties": ["error", {
        object: "process",
        property: "env",
        message: "Read configuration through server/env.ts (env is parsed once).",
      }],
    },
  },
  {
    files: ["extension/**/*.{ts,tsx}", "tests/component/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    // shared/ is runtime-neutral: zod only.
    files: ["shared/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ regex: "^(?!zod$|\\./|\\.\\./).*", message: "shared/ depends on zod only." }],
      }],
      "no-restricted-globals": ["error", "chrome", "document", "window", "process", "fetch"],
    },
  },
  {
    // The extension's content scripts, popup and options never talk to the network directly.
    files: ["extension/**/*.{ts,tsx}"],
    ignores: ["extension/background/**"],
    rules: {
      "no-restricted-globals": ["error", { name: "fetch", message: "Only the background service worker talks to the network." }],
    },
  },
  {
    files: ["server/env.ts", "scripts/**", "bench/**", "tests/**", "vitest.config.ts", "drizzle.config.ts"],
    rules: { "no-restricted-properties": "off" },
  },
)

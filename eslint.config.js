// ESLint for all of Frontline's JavaScript: the browser modules under geo/ and
// ui/, the Node unit tests under tests/js, and this file. scripts/test runs it.
import js from "@eslint/js";
import globals from "globals";

const NO_NEW_GLOBALS = {
  selector:
    "AssignmentExpression > MemberExpression.left" +
    "[object.name=/^(window|globalThis|self)$/]",
  message: "Export from the module instead of creating a global.",
};

export default [
  { ignores: ["static/", ".venv/", "bench/out/"] },
  js.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      curly: "error",
      eqeqeq: "error",
      "max-len": ["error", { code: 88, ignoreRegExpLiterals: true }],
      "no-console": ["error", { allow: ["error"] }],
      "no-restricted-syntax": ["error", NO_NEW_GLOBALS],
      "no-shadow": "error",
      "no-var": "error",
      "object-shorthand": "error",
      "prefer-arrow-callback": "error",
      "prefer-const": "error",
      "prefer-template": "error",
    },
  },
  {
    files: ["geo/**/*.js", "ui/**/*.js"],
    languageOptions: { globals: globals.browser },
  },
  {
    // The map and the exported page run beside Leaflet, which is the global `L`.
    files: ["geo/maplayer/assets/*.js", "geo/export/assets/*.js"],
    languageOptions: { globals: { L: "readonly" } },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
];

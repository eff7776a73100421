// Bundled to static/vendor/yjs.js by scripts/vendor.sh: one ES module, no bare imports.
export * from "yjs";

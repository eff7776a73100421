// Bundled to static/vendor/fractional-indexing.js by scripts/vendor.sh: one ES module, no bare imports.
export * from "fractional-indexing";

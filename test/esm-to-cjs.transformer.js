/**
 * NestJS 12 ships as ES modules. Node loads them from our CommonJS build via require(esm),
 * but Jest's module loader only does so from Node 24.9, so under Jest they are compiled to
 * CommonJS here. ts-jest does the compiling; `import.meta.url`, which has no CommonJS
 * meaning, becomes the module's file URL first.
 */
const { TsJestTransformer } = require('ts-jest');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const FILE_URL = "require('node:url').pathToFileURL(__filename).href";
// `const require = createRequire(import.meta.url)` would shadow CommonJS's own require.
const OWN_REQUIRE = /\bconst require\s*=\s*createRequire\(import\.meta\.url\);?/g;

const toCommonJs = (source) => source.replace(OWN_REQUIRE, '').replace(IMPORT_META_URL, FILE_URL);

class EsmToCjsTransformer extends TsJestTransformer {
  process(source, path, options) {
    return super.process(toCommonJs(source), path, options);
  }
  processAsync(source, path, options) {
    return super.processAsync(toCommonJs(source), path, options);
  }
  getCacheKey(source, path, options) {
    return super.getCacheKey(toCommonJs(source), path, options);
  }
}

module.exports = {
  createTransformer: (config) => new EsmToCjsTransformer(config),
};

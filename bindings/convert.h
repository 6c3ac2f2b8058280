// Conversions between JS values (emscripten::val) and core structs, used only by
// bindings/pathwise.cpp. Every check on a JS-provided option names that option (BAD_OPTION).
#pragma once

#include <emscripten/val.h>

#include <string>
#include <string_view>
#include <vector>

#include "api/model.h"
#include "data/table.h"

namespace pathwise {

emscripten::val toJsStrings(const std::vector<std::string>& v);
emscripten::val toInt32Array(const std::vector<int>& v);
emscripten::val toUint8Array(const std::vector<uint8_t>& v);
emscripten::val toFloat64Array(const double* p, size_t n);
std::vector<uint8_t> toBytes(const emscripten::val& typedArray);
std::vector<size_t> toIndices(const emscripten::val& int32Array, size_t limit, const char* what);

ColumnType parseColumnType(const std::string& type, const std::string& what);
// Splits a U+001F-joined column into views into `joined`; checks the count.
std::vector<std::string_view> splitCells(const std::string& joined, double rowCount,
                                         const std::string& column);

int checkedInt(double v, const char* option);
uint64_t checkedSeed(double v);

TargetSpec toTargetSpec(const emscripten::val& o);
ModelOptions toModelOptions(const emscripten::val& o);

emscripten::val epochsToJs(const std::vector<EpochReport>& epochs);
emscripten::val predictionsToJs(const Predictions& p);
emscripten::val evaluationToJs(const Evaluation& e, const TargetEncoder& target);
emscripten::val modelInfoToJs(const Model& m);
// The core's defaults, in the shape of the JS training options.
emscripten::val defaultOptionsToJs();

}  // namespace pathwise

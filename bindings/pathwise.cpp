// Embind bindings: the only code that knows about JavaScript. Thin by design — it converts
// types (JS objects/typed arrays <-> core structs) and errors, and forwards calls to cpp/api.
// Errors never cross as exceptions: every entry point runs through guard(), which records
// {code, message} and returns a neutral value; the TypeScript wrapper calls takeError() after
// each call and throws PathwiseError. (Throwing JS errors from inside wasm frames would skip
// C++ destructors and leak; see docs/DESIGN.md "Bindings surface".)
// The reviewed list of what crosses the boundary is the EMSCRIPTEN_BINDINGS block at the end.
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <emscripten/val.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/cross_validate.h"
#include "api/model.h"
#include "bindings/convert.h"
#include "bindings/guard.h"
#include "core/error.h"
#include "data/table.h"
#include "eval/split.h"

using emscripten::val;
using namespace pathwise;

namespace {

val takeError() {
  if (!g_error.set) return val::null();
  val e = val::object();
  e.set("code", g_error.code);
  e.set("message", g_error.message);
  g_error = {};
  return e;
}

val errorCodes() { return toJsStrings(allErrorCodeNames()); }

double heapBytes() { return static_cast<double>(emscripten_get_heap_size()); }

// ---- Table -------------------------------------------------------------------------------

// Numeric columns the wrapper already converted (every cell matched the core's decimal grammar and
// went through the same correctly rounded decimal -> double -> float steps; NaN = missing): names
// joined by U+001F, values column after column in one Float32Array (cols x rows).
// Table::fromParsedColumns() checks them like any parsed column (e.g. no infinities).
std::vector<Column> numericColumns(const std::string& names, const val& values, double rowCount,
                                   const std::map<std::string, ColumnType>& overrides) {
  const double count = 1.0 + static_cast<double>(std::count(names.begin(), names.end(), '\x1f'));
  const std::vector<std::string_view> cols = splitCells(names, count, "names");
  const size_t n = static_cast<size_t>(checkedInt(rowCount, "rows"));
  require(values.instanceof(val::global("Float32Array")) &&
              values["length"].as<double>() == static_cast<double>(n) * static_cast<double>(cols.size()),
          ErrorCode::SHAPE_MISMATCH, "numeric columns: expected a Float32Array of columns x rows values");
  // Small inputs (a few rows to predict) cross in one copy; big ones column by column, so the data
  // is never in wasm memory twice.
  std::vector<float> all;
  const bool whole = n * cols.size() <= (1u << 16);
  if (whole) {
    all.resize(n * cols.size());
    val(emscripten::typed_memory_view(all.size(), all.data())).call<void>("set", values);
  }
  std::vector<Column> out(cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    Column& col = out[c];
    col.name = std::string(cols[c]);
    col.type = ColumnType::Numeric;
    auto it = overrides.find(col.name);
    require(it == overrides.end() || it->second == ColumnType::Numeric, ErrorCode::BAD_OPTION,
            "column '" + col.name + "' has a non-numeric type override");
    if (whole) {
      col.values.assign(all.begin() + static_cast<std::ptrdiff_t>(c * n), all.begin() + static_cast<std::ptrdiff_t>((c + 1) * n));
    } else {
      col.values.resize(n);
      val view(emscripten::typed_memory_view(n, col.values.data()));
      view.call<void>("set", values.call<val>("subarray", static_cast<double>(c * n), static_cast<double>((c + 1) * n)));
    }
  }
  return out;
}

class TableBuilder {
 public:
  void setType(const std::string& name, const std::string& type) {
    guard(0, [&] {
      overrides_[name] = parseColumnType(type, "type of column '" + name + "'");
      return 0;
    });
  }
  // Cells of one column joined by U+001F. Parsed at once, so the strings never pile up.
  void addColumn(const std::string& name, const std::string& joined, double rowCount) {
    guard(0, [&] {
      std::vector<std::string_view> cells = splitCells(joined, rowCount, name);
      auto it = overrides_.find(name);
      columns_.push_back(parseColumn(name, cells, it == overrides_.end() ? nullptr : &it->second));
      return 0;
    });
  }
  // Numeric columns the wrapper already converted (see numericColumns below).
  void addNumericColumns(const std::string& names, const val& values, double rowCount) {
    guard(0, [&] {
      for (Column& c : numericColumns(names, values, rowCount, overrides_)) columns_.push_back(std::move(c));
      return 0;
    });
  }
  Table* build() {
    return guard<Table*>(nullptr, [&] {
      for (const auto& [name, type] : overrides_) {
        bool found = false;
        for (const auto& c : columns_) found = found || c.name == name;
        require(found, ErrorCode::UNKNOWN_COLUMN, "type override names unknown column '" + name + "'");
      }
      Table* t = new Table(Table::fromParsedColumns(std::move(columns_)));
      columns_.clear();
      return t;
    });
  }

 private:
  std::vector<Column> columns_;
  std::map<std::string, ColumnType> overrides_;
};

val tableNames(const Table& t) { return toJsStrings(t.names()); }

val tableColumnInfo(const Table& t) {
  val out = val::array();
  for (size_t i = 0; i < t.cols(); ++i) {
    const Column& c = t.column(i);
    val info = val::object();
    info.set("name", c.name);
    info.set("type", std::string(columnTypeName(c.type)));
    info.set("missing", static_cast<double>(c.missingCount()));
    info.set("levels", toJsStrings(c.levels));
    out.call<void>("push", info);
  }
  return out;
}

Table* tableSelectRows(const Table& t, const val& rows) {
  return guard<Table*>(nullptr, [&] {
    std::vector<size_t> idx = toIndices(rows, t.rows(), "rows");
    return new Table(t.selectRows(idx));
  });
}

double tableRows(const Table& t) { return static_cast<double>(t.rows()); }
double tableCols(const Table& t) { return static_cast<double>(t.cols()); }

// ---- Training ----------------------------------------------------------------------------

class Session {
 public:
  Session(std::unique_ptr<TrainingSession> s) : s_(std::move(s)) {}
  bool step(double maxBatches) {
    return guard(true, [&] { return s_->step(static_cast<int>(std::max(1.0, maxBatches))); });
  }
  val takeEpochs() {
    return guard(val::array(), [&] { return epochsToJs(s_->takeEpochs()); });
  }
  double plannedEpochs() const { return s_->plannedEpochs(); }
  Model* finish() {
    return guard<Model*>(nullptr, [&] { return new Model(s_->finish()); });
  }

 private:
  std::unique_ptr<TrainingSession> s_;
};

Session* startTraining(const Table& table, const val& options) {
  return guard<Session*>(nullptr, [&] {
    ModelOptions o = toModelOptions(options);
    return new Session(std::make_unique<TrainingSession>(table, o));
  });
}

val foldAssignments(const Table& table, const val& target, double folds, double seed) {
  return guard(val::null(), [&] {
    std::vector<int> fold = assignFolds(table, toTargetSpec(target), checkedInt(folds, "folds"),
                                        checkedSeed(seed));
    return toInt32Array(fold);
  });
}

val splitAssignments(const Table& table, const val& target, double test, double seed, bool stratify) {
  return guard(val::null(), [&] {
    std::vector<uint8_t> isTest =
        assignSplit(table, toTargetSpec(target), test, checkedSeed(seed), stratify);
    return toUint8Array(isTest);
  });
}

// ---- Model -------------------------------------------------------------------------------

Model* loadModel(const val& bytes) {
  return guard<Model*>(nullptr, [&] {
    std::vector<uint8_t> b = toBytes(bytes);
    return new Model(Model::load(b.data(), b.size()));
  });
}

val modelPredict(const Model& m, const Table& t) {
  return guard(val::null(), [&] { return predictionsToJs(m.predict(t)); });
}

// Predictions as one Float64Array: [n, k, rows (n), predicted class index (n; NaN for
// regression), values (n x k, row after row)]: a single copy out instead of an object of arrays.
void packInto(const Predictions& p, std::vector<double>& out) {
  const size_t n = p.rows.size();
  const size_t k = static_cast<size_t>(p.values.cols());
  out.assign(2 + n * (2 + k), 0.0);
  out[0] = static_cast<double>(n);
  out[1] = static_cast<double>(k);
  double* rows = out.data() + 2;
  double* label = rows + n;
  double* values = label + n;
  for (size_t i = 0; i < n; ++i) {
    rows[i] = static_cast<double>(p.rows[i]);
    label[i] = p.labelIndex.empty() ? NAN : p.labelIndex[i];
    for (size_t j = 0; j < k; ++j) values[i * k + j] = p.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
  }
}

val packPredictions(const Predictions& p) {
  std::vector<double> out;
  packInto(p, out);
  return toFloat64Array(out.data(), out.size());
}

val modelPredictPacked(const Model& m, const Table& t) {
  return guard(val::null(), [&] { return packPredictions(m.predict(t)); });
}

// Rows whose feature columns are all numeric, in one call (no table handle): the single-row path.
val modelPredictColumns(const Model& m, const std::string& names, const val& values, double rows) {
  return guard(val::null(), [&] {
    const Table t = Table::fromParsedColumns(numericColumns(names, values, rows, {}));
    return packPredictions(m.predict(t));
  });
}

// Scratch buffers in wasm memory for predictions from numbers (object rows, and Datasets whose
// features are all numeric): the wrapper writes the features straight into HEAPF32 at
// scratchInput(count) and reads the packed predictions from HEAPF64 at the address
// predictFeaturesAt() returns — no JS objects cross for a prediction (valid until the next call).
struct ScratchInput {
  std::unique_ptr<float[]> values;  // not zero-filled: the wrapper writes every value
  size_t capacity = 0;
  size_t size = 0;  // values the wrapper wrote for the next call
};
ScratchInput g_scratchIn;
constexpr size_t kScratchKeep = size_t{1} << 16;  // values; bigger buffers are released after use
std::vector<double> g_scratchOut;

double scratchInput(double count) {
  return guard(0.0, [&] {
    const size_t n = static_cast<size_t>(checkedInt(count, "count"));
    if (n > g_scratchIn.capacity || !g_scratchIn.values) {
      g_scratchIn.values.reset(new float[std::max<size_t>(n, 1)]);
      g_scratchIn.capacity = n;
    }
    g_scratchIn.size = n;
    return static_cast<double>(reinterpret_cast<uintptr_t>(g_scratchIn.values.get()));
  });
}

double modelPredictFeaturesAt(const Model& m, double rowCount) {
  return guard(0.0, [&] {
    const std::vector<std::string>& features = m.pipeline().features();
    const size_t n = static_cast<size_t>(checkedInt(rowCount, "rows"));
    require(n * features.size() == g_scratchIn.size, ErrorCode::SHAPE_MISMATCH,
            "predictFeaturesAt: the scratch input holds " + std::to_string(g_scratchIn.size) + " values, expected " +
                std::to_string(n * features.size()));
    // A big input or output (a Dataset's) is not kept in the scratch buffers after its call.
    struct ReleaseBigInput {
      ~ReleaseBigInput() {
        if (g_scratchIn.size > kScratchKeep) g_scratchIn = ScratchInput();
      }
    } release;
    if (g_scratchOut.capacity() > kScratchKeep) std::vector<double>().swap(g_scratchOut);
    const Predictions p = m.predictColumns(g_scratchIn.values.get(), n);
    packInto(p, g_scratchOut);
    return static_cast<double>(reinterpret_cast<uintptr_t>(g_scratchOut.data()));
  });
}

// Address of the pending-error flag: the wrapper reads it from HEAPU8 after each call instead of
// calling takeError() every time (it still calls takeError() when the flag is set).
double errorFlagAddress() { return static_cast<double>(reinterpret_cast<uintptr_t>(&g_error.set)); }

val modelEvaluate(const Model& m, const Table& t) {
  return guard(val::null(), [&] { return evaluationToJs(m.evaluate(t), m.target()); });
}

val modelSave(const Model& m) {
  return guard(val::null(), [&] { return toUint8Array(m.save()); });
}

val modelInfo(const Model& m) {
  return guard(val::null(), [&] { return modelInfoToJs(m); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(pathwise) {
  using namespace emscripten;
  function("takeError", &takeError);
  function("errorFlagAddress", &errorFlagAddress);
  function("scratchInput", &scratchInput);
  function("errorCodes", &errorCodes);
  function("heapBytes", &heapBytes);
  function("defaultOptions", &defaultOptionsToJs);

  class_<TableBuilder>("TableBuilder")
      .constructor<>()
      .function("setType", &TableBuilder::setType)
      .function("addColumn", &TableBuilder::addColumn)
      .function("addNumericColumns", &TableBuilder::addNumericColumns)
      .function("build", &TableBuilder::build, allow_raw_pointers());

  class_<Table>("NativeTable")
      .function("rows", &tableRows)
      .function("cols", &tableCols)
      .function("names", &tableNames)
      .function("columnInfo", &tableColumnInfo)
      .function("selectRows", &tableSelectRows, allow_raw_pointers());

  class_<Session>("TrainingSession")
      .function("step", &Session::step)
      .function("takeEpochs", &Session::takeEpochs)
      .function("plannedEpochs", &Session::plannedEpochs)
      .function("finish", &Session::finish, allow_raw_pointers());

  class_<Model>("NativeModel")
      .function("predict", &modelPredict)
      .function("predictPacked", &modelPredictPacked)
      .function("predictColumns", &modelPredictColumns)
      .function("predictFeaturesAt", &modelPredictFeaturesAt)
      .function("evaluate", &modelEvaluate)
      .function("save", &modelSave)
      .function("info", &modelInfo);

  function("startTraining", &startTraining, allow_raw_pointers());
  function("loadModel", &loadModel, allow_raw_pointers());
  function("foldAssignments", &foldAssignments);
  function("splitAssignments", &splitAssignments);
}

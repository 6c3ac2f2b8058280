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

#include <cmath>
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
  function("errorCodes", &errorCodes);
  function("heapBytes", &heapBytes);
  function("defaultOptions", &defaultOptionsToJs);

  class_<TableBuilder>("TableBuilder")
      .constructor<>()
      .function("setType", &TableBuilder::setType)
      .function("addColumn", &TableBuilder::addColumn)
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
      .function("evaluate", &modelEvaluate)
      .function("save", &modelSave)
      .function("info", &modelInfo);

  function("startTraining", &startTraining, allow_raw_pointers());
  function("loadModel", &loadModel, allow_raw_pointers());
  function("foldAssignments", &foldAssignments);
  function("splitAssignments", &splitAssignments);
}

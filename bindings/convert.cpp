// JS <-> core conversions for the bindings (see convert.h). No training or data logic here.
#include "bindings/convert.h"

#include <cmath>

#include "core/error.h"
#include "core/text.h"

using emscripten::val;

namespace pathwise {
namespace {

std::string typeOf(const val& v) { return v.typeOf().as<std::string>(); }

bool has(const val& o, const char* key) {
  if (!o.hasOwnProperty(key)) return false;
  val v = o[key];
  return !v.isUndefined() && !v.isNull();
}

[[noreturn]] void badOption(const std::string& key, const std::string& want, const val& got) {
  std::string shown = typeOf(got) == "string" ? "\"" + got.as<std::string>() + "\"" : typeOf(got);
  if (typeOf(got) == "number") {
    shown = formatG(got.as<double>());
  }
  throw Error(ErrorCode::BAD_OPTION, "option '" + key + "' must be " + want + " (got " + shown + ")");
}

double number(const val& o, const char* key) {
  val v = o[key];
  if (typeOf(v) != "number" || !std::isfinite(v.as<double>())) badOption(key, "a finite number", v);
  return v.as<double>();
}

int integer(const val& o, const char* key) {
  double d = number(o, key);
  if (d != std::floor(d) || std::fabs(d) > 2147483647.0) badOption(key, "an integer", o[key]);
  return static_cast<int>(d);
}

std::string string(const val& o, const char* key) {
  val v = o[key];
  if (typeOf(v) != "string") badOption(key, "a string", v);
  return v.as<std::string>();
}

bool boolean(const val& o, const char* key) {
  val v = o[key];
  if (typeOf(v) != "boolean") badOption(key, "true or false", v);
  return v.as<bool>();
}

bool isArray(const val& v) { return val::global("Array").call<bool>("isArray", v); }

std::vector<std::string> strings(const val& o, const char* key) {
  val v = o[key];
  if (!isArray(v)) badOption(key, "an array of column names", v);
  std::vector<std::string> out;
  const unsigned n = v["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    if (typeOf(v[i]) != "string") badOption(std::string(key) + "[" + std::to_string(i) + "]", "a string", v[i]);
    out.push_back(v[i].as<std::string>());
  }
  return out;
}

std::vector<std::string> keysOf(const val& v) {
  val keys = val::global("Object").call<val>("keys", v);
  std::vector<std::string> out;
  const unsigned n = keys["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) out.push_back(keys[i].as<std::string>());
  return out;
}

Impute parseImpute(const std::string& s, const std::string& key) {
  if (s == "drop") return Impute::Drop;
  if (s == "mean") return Impute::Mean;
  if (s == "median") return Impute::Median;
  if (s == "most_frequent" || s == "mostFrequent") return Impute::MostFrequent;
  if (s == "constant") return Impute::Constant;
  throw Error(ErrorCode::BAD_OPTION, "option '" + key + "' must be drop, mean, median, most_frequent or constant (got \"" + s + "\")");
}

Scaling parseScaling(const std::string& s, const std::string& key) {
  if (s == "zscore") return Scaling::ZScore;
  if (s == "minmax") return Scaling::MinMax;
  if (s == "none") return Scaling::None;
  throw Error(ErrorCode::BAD_OPTION, "option '" + key + "' must be zscore, minmax or none (got \"" + s + "\")");
}

Activation parseActivation(const std::string& s) {
  if (s == "relu") return Activation::Relu;
  if (s == "tanh") return Activation::Tanh;
  if (s == "sigmoid") return Activation::Sigmoid;
  if (s == "linear") return Activation::Linear;
  throw Error(ErrorCode::BAD_OPTION, "option 'activation' must be relu, tanh, sigmoid or linear (got \"" + s + "\")");
}

Task parseTask(const std::string& s) {
  if (s == "auto") return Task::Auto;
  if (s == "binary") return Task::Binary;
  if (s == "multiclass") return Task::Multiclass;
  if (s == "regression") return Task::Regression;
  throw Error(ErrorCode::BAD_OPTION, "option 'task' must be auto, binary, multiclass or regression (got \"" + s + "\")");
}

void readPreprocess(const val& o, PreprocessOptions& p) {
  if (has(o, "numericImpute")) p.numericImpute = parseImpute(string(o, "numericImpute"), "numericImpute");
  if (has(o, "categoricalImpute"))
    p.categoricalImpute = parseImpute(string(o, "categoricalImpute"), "categoricalImpute");
  if (has(o, "scaling")) p.scaling = parseScaling(string(o, "scaling"), "scaling");
  if (has(o, "imputeConstant")) p.constant = number(o, "imputeConstant");
  if (has(o, "imputeCategory")) p.constantCategory = string(o, "imputeCategory");
  if (!has(o, "perColumn")) return;
  val per = o["perColumn"];
  if (typeOf(per) != "object" || isArray(per)) badOption("perColumn", "an object keyed by column name", per);
  for (const std::string& name : keysOf(per)) {
    val c = per[name];
    const std::string key = "perColumn." + name;
    if (typeOf(c) != "object") badOption(key, "an object", c);
    ColumnPreprocess cp;
    cp.impute = has(c, "impute") ? parseImpute(string(c, "impute"), key + ".impute") : p.numericImpute;
    cp.scaling = has(c, "scaling") ? parseScaling(string(c, "scaling"), key + ".scaling") : p.scaling;
    cp.constantCategory = p.constantCategory;
    cp.constant = p.constant;
    if (has(c, "constant")) {
      val k = c["constant"];
      if (typeOf(k) == "string") cp.constantCategory = k.as<std::string>();
      else cp.constant = number(c, "constant");
    }
    p.perColumn[name] = cp;
  }
}

void readTrain(const val& o, TrainOptions& t) {
  if (has(o, "hidden")) {
    val h = o["hidden"];
    if (!isArray(h)) badOption("hidden", "an array of layer sizes such as [128, 64]", h);
    t.hidden.clear();
    const unsigned n = h["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      val u = h[i];
      if (typeOf(u) != "number" || u.as<double>() != std::floor(u.as<double>()) || u.as<double>() < 1 ||
          u.as<double>() > 1e6)
        badOption("hidden[" + std::to_string(i) + "]", "a positive integer", u);
      t.hidden.push_back(u.as<int>());
    }
  }
  if (has(o, "activation")) t.activation = parseActivation(string(o, "activation"));
  if (has(o, "init")) {
    const std::string s = string(o, "init");
    if (s == "auto") t.init = WeightInit::Auto;
    else if (s == "he") t.init = WeightInit::He;
    else if (s == "glorot") t.init = WeightInit::Glorot;
    else badOption("init", "auto, he or glorot", o["init"]);
  }
  if (has(o, "optimizer")) {
    const std::string s = string(o, "optimizer");
    if (s == "adam") t.optimizer = TrainOptions::Optimizer::Adam;
    else if (s == "sgd") t.optimizer = TrainOptions::Optimizer::Sgd;
    else badOption("optimizer", "adam or sgd", o["optimizer"]);
  }
  if (has(o, "learningRate")) t.learningRate = number(o, "learningRate");
  if (has(o, "momentum")) t.momentum = number(o, "momentum");
  if (has(o, "beta1")) t.beta1 = number(o, "beta1");
  if (has(o, "beta2")) t.beta2 = number(o, "beta2");
  if (has(o, "epsilon")) t.epsilon = number(o, "epsilon");
  if (has(o, "batchSize")) t.batchSize = integer(o, "batchSize");
  if (has(o, "epochs")) t.epochs = integer(o, "epochs");
  if (has(o, "seed")) {
    if (typeOf(o["seed"]) != "number") badOption("seed", "a non-negative integer", o["seed"]);
    t.seed = checkedSeed(o["seed"].as<double>());
  }
  if (has(o, "l2")) t.l2 = number(o, "l2");
  if (has(o, "dropout")) t.dropout = number(o, "dropout");
  if (has(o, "patience")) t.patience = integer(o, "patience");
  if (has(o, "restoreBestWeights")) t.restoreBestWeights = boolean(o, "restoreBestWeights");
  if (has(o, "clipNorm")) t.clipNorm = number(o, "clipNorm");
}

void readClassWeight(const val& o, ClassWeightSpec& cw) {
  if (!has(o, "classWeight")) return;
  val v = o["classWeight"];
  if (typeOf(v) == "string") {
    const std::string s = v.as<std::string>();
    if (s == "none") cw.kind = ClassWeightSpec::Kind::None;
    else if (s == "balanced") cw.kind = ClassWeightSpec::Kind::Balanced;
    else badOption("classWeight", "'none', 'balanced' or an object {label: weight}", v);
    return;
  }
  if (typeOf(v) != "object" || isArray(v)) badOption("classWeight", "'none', 'balanced' or an object {label: weight}", v);
  cw.kind = ClassWeightSpec::Kind::Explicit;
  for (const std::string& label : keysOf(v)) {
    const double w = number(v, label.c_str());
    if (w <= 0) badOption("classWeight." + label, "a positive number", v[label]);
    cw.weights[label] = w;
  }
}

}  // namespace

val toJsStrings(const std::vector<std::string>& v) {
  val out = val::array();
  for (const auto& s : v) out.call<void>("push", s);
  return out;
}

val toInt32Array(const std::vector<int>& v) {
  val view(emscripten::typed_memory_view(v.size(), v.data()));
  return val::global("Int32Array").new_(view);  // copies out of wasm memory
}

val toUint8Array(const std::vector<uint8_t>& v) {
  val view(emscripten::typed_memory_view(v.size(), v.data()));
  return val::global("Uint8Array").new_(view);
}

val toFloat64Array(const double* p, size_t n) {
  val view(emscripten::typed_memory_view(n, p));
  return val::global("Float64Array").new_(view);
}

std::vector<uint8_t> toBytes(const val& a) {
  if (typeOf(a) != "object" || !a.instanceof(val::global("Uint8Array")))
    throw Error(ErrorCode::BAD_MODEL_FILE, "a model file must be given as a Uint8Array");
  const size_t n = a["length"].as<size_t>();
  std::vector<uint8_t> out(n);
  val view(emscripten::typed_memory_view(n, out.data()));
  view.call<void>("set", a);
  return out;
}

std::vector<size_t> toIndices(const val& a, size_t limit, const char* what) {
  if (typeOf(a) != "object" || !a.instanceof(val::global("Int32Array")))
    throw Error(ErrorCode::BAD_OPTION, std::string(what) + " must be an Int32Array");
  const size_t n = a["length"].as<size_t>();
  std::vector<int32_t> raw(n);
  val view(emscripten::typed_memory_view(n, raw.data()));
  view.call<void>("set", a);
  std::vector<size_t> out(n);
  for (size_t i = 0; i < n; ++i) {
    if (raw[i] < 0 || static_cast<size_t>(raw[i]) >= limit)
      throw Error(ErrorCode::BAD_OPTION, std::string(what) + "[" + std::to_string(i) + "] = " +
                                             std::to_string(raw[i]) + " is outside 0.." +
                                             std::to_string(limit == 0 ? 0 : limit - 1));
    out[i] = static_cast<size_t>(raw[i]);
  }
  return out;
}

ColumnType parseColumnType(const std::string& type, const std::string& what) {
  if (type == "numeric") return ColumnType::Numeric;
  if (type == "boolean") return ColumnType::Boolean;
  if (type == "categorical") return ColumnType::Categorical;
  throw Error(ErrorCode::BAD_OPTION, what + " must be numeric, boolean or categorical (got \"" + type + "\")");
}

std::vector<std::string_view> splitCells(const std::string& joined, double rowCount,
                                         const std::string& column) {
  std::vector<std::string_view> cells;
  if (rowCount >= 1) cells.reserve(static_cast<size_t>(rowCount));
  size_t start = 0;
  for (size_t i = 0; i <= joined.size(); ++i) {
    if (i == joined.size() || joined[i] == '\x1f') {
      cells.emplace_back(joined.data() + start, i - start);
      start = i + 1;
    }
  }
  if (rowCount == 0) cells.clear();
  require(static_cast<double>(cells.size()) == rowCount, ErrorCode::SHAPE_MISMATCH,
          "column '" + column + "' has " + std::to_string(cells.size()) + " cells, expected " +
              std::to_string(static_cast<long long>(rowCount)));
  return cells;
}

int checkedInt(double v, const char* option) {
  if (!std::isfinite(v) || v != std::floor(v) || std::fabs(v) > 2147483647.0)
    throw Error(ErrorCode::BAD_OPTION, std::string("option '") + option + "' must be an integer");
  return static_cast<int>(v);
}

uint64_t checkedSeed(double v) {
  if (!std::isfinite(v) || v != std::floor(v) || v < 0 || v > 9007199254740991.0)
    throw Error(ErrorCode::BAD_OPTION, "option 'seed' must be a non-negative integer (got " +
                                           (std::isfinite(v) ? std::to_string(v) : std::string("not a number")) + ")");
  return static_cast<uint64_t>(v);
}

TargetSpec toTargetSpec(const val& o) {
  if (typeOf(o) != "object") throw Error(ErrorCode::BAD_OPTION, "options must be an object");
  TargetSpec t;
  if (!has(o, "target")) throw Error(ErrorCode::BAD_OPTION, "option 'target' (the column to predict) is required");
  t.column = string(o, "target");
  if (has(o, "task")) t.task = parseTask(string(o, "task"));
  if (has(o, "positive")) t.positive = string(o, "positive");
  return t;
}

ModelOptions toModelOptions(const val& o) {
  ModelOptions m;
  m.target = toTargetSpec(o);
  if (has(o, "features")) m.features = strings(o, "features");
  if (has(o, "exclude")) m.exclude = strings(o, "exclude");
  readPreprocess(o, m.preprocess);
  readTrain(o, m.train);
  if (has(o, "validationSplit")) m.train.validationSplit = number(o, "validationSplit");
  readClassWeight(o, m.classWeight);
  validateModelOptions(m);
  return m;
}

val epochsToJs(const std::vector<EpochReport>& epochs) {
  val out = val::array();
  for (const auto& e : epochs) {
    val r = val::object();
    r.set("epoch", e.epoch);
    r.set("loss", e.loss);
    r.set("valLoss", e.valLoss);
    r.set("valAccuracy", e.valAccuracy);
    out.call<void>("push", r);
  }
  return out;
}

val predictionsToJs(const Predictions& p) {
  val out = val::object();
  out.set("task", std::string(taskName(p.task)));
  out.set("classes", toJsStrings(p.classes));
  std::vector<int> rows(p.rows.begin(), p.rows.end());
  out.set("rows", toInt32Array(rows));
  // Classification: the predicted class as an index into `classes` (one typed array instead of a
  // string per row); regression: the formatted values.
  if (p.task == Task::Regression) out.set("labels", toJsStrings(p.labels));
  else out.set("labelIndex", toInt32Array(p.labelIndex));
  out.set("values", toFloat64Array(p.values.data(), static_cast<size_t>(p.values.size())));
  out.set("width", static_cast<int>(p.values.cols()));
  return out;
}

val doubles(const std::vector<double>& v) { return toFloat64Array(v.data(), v.size()); }

val evaluationToJs(const Evaluation& e, const TargetEncoder& target) {
  val out = val::object();
  out.set("task", std::string(taskName(e.task)));
  out.set("rows", static_cast<double>(e.rows));
  if (e.task == Task::Regression) {
    out.set("mae", e.regression.mae);
    out.set("rmse", e.regression.rmse);
    out.set("r2", e.regression.r2);
    return out;
  }
  const ClassificationReport& c = e.classification;
  out.set("classes", toJsStrings(target.classes()));
  out.set("accuracy", c.accuracy);
  out.set("precision", c.precision);
  out.set("recall", c.recall);
  out.set("f1", c.f1);
  out.set("macroPrecision", c.macroPrecision);
  out.set("macroRecall", c.macroRecall);
  out.set("macroF1", c.macroF1);
  out.set("weightedF1", c.weightedF1);
  out.set("rocAuc", c.rocAuc);
  out.set("logLoss", c.logLoss);
  out.set("perClassPrecision", doubles(c.perClassPrecision));
  out.set("perClassRecall", doubles(c.perClassRecall));
  out.set("perClassF1", doubles(c.perClassF1));
  val conf = val::array();
  for (const auto& row : c.confusion) {
    val r = val::array();
    for (int64_t x : row) r.call<void>("push", static_cast<double>(x));
    conf.call<void>("push", r);
  }
  out.set("confusion", conf);
  val support = val::array();
  for (int64_t s : c.support) support.call<void>("push", static_cast<double>(s));
  out.set("support", support);
  return out;
}

val modelInfoToJs(const Model& m) {
  val out = val::object();
  out.set("task", std::string(taskName(m.task())));
  out.set("classes", toJsStrings(m.target().classes()));
  out.set("target", m.options().target.column);
  out.set("positive", m.options().target.positive);
  out.set("features", toJsStrings(m.pipeline().features()));
  out.set("outputNames", toJsStrings(m.pipeline().outputNames()));
  val hidden = val::array();
  for (int h : m.options().train.hidden) hidden.call<void>("push", h);
  out.set("hidden", hidden);
  out.set("trainedEpochs", m.trainedEpochs());
  out.set("trainRows", static_cast<double>(m.trainRows()));
  return out;
}

namespace {
const char* imputeName(Impute i) {
  switch (i) {
    case Impute::Drop: return "drop";
    case Impute::Mean: return "mean";
    case Impute::Median: return "median";
    case Impute::MostFrequent: return "most_frequent";
    default: return "constant";
  }
}
const char* scalingName(Scaling s) {
  return s == Scaling::ZScore ? "zscore" : s == Scaling::MinMax ? "minmax" : "none";
}
}  // namespace

val defaultOptionsToJs() {
  const ModelOptions m;
  const TrainOptions& t = m.train;
  val o = val::object();
  val hidden = val::array();
  for (int h : t.hidden) hidden.call<void>("push", h);
  o.set("hidden", hidden);
  o.set("activation", std::string(activationName(t.activation)));
  o.set("init", std::string(weightInitName(t.init)));
  o.set("optimizer", std::string(t.optimizer == TrainOptions::Optimizer::Adam ? "adam" : "sgd"));
  o.set("learningRate", t.learningRate);
  o.set("momentum", t.momentum);
  o.set("beta1", t.beta1);
  o.set("beta2", t.beta2);
  o.set("epsilon", t.epsilon);
  o.set("batchSize", t.batchSize);
  o.set("epochs", t.epochs);
  o.set("seed", static_cast<double>(t.seed));
  o.set("l2", t.l2);
  o.set("dropout", t.dropout);
  o.set("validationSplit", t.validationSplit);
  o.set("patience", t.patience);
  o.set("restoreBestWeights", t.restoreBestWeights);
  o.set("clipNorm", t.clipNorm);
  o.set("classWeight", std::string(m.classWeight.kind == ClassWeightSpec::Kind::Balanced ? "balanced" : "none"));
  o.set("numericImpute", std::string(imputeName(m.preprocess.numericImpute)));
  o.set("categoricalImpute", std::string(imputeName(m.preprocess.categoricalImpute)));
  o.set("scaling", std::string(scalingName(m.preprocess.scaling)));
  o.set("imputeConstant", m.preprocess.constant);
  o.set("imputeCategory", m.preprocess.constantCategory);
  return o;
}

}  // namespace pathwise

// Embind bindings of cpp/personal: explanations of a NativeModel (explain, importance, whatIf)
// and knowledge tracing (attempt logs, MasteryModel, learning paths, class view). Thin: converts
// JS values to core structs and back; every entry point runs through guard() (bindings/guard.h).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cmath>
#include <string>
#include <vector>

#include "api/model.h"
#include "bindings/convert.h"
#include "bindings/guard.h"
#include "data/cell_parse.h"
#include "personal/attempt_log.h"
#include "personal/explain.h"
#include "personal/mastery.h"
#include "personal/recommend.h"

using emscripten::val;
using namespace pathwise;

namespace {

// ---- option readers (BAD_OPTION naming the option) -----------------------------------------

bool present(const val& o, const char* key) {
  if (o.typeOf().as<std::string>() != "object" || o.isNull() || !o.hasOwnProperty(key)) return false;
  const val v = o[key];
  return !v.isUndefined() && !v.isNull();
}

double optNumber(const val& o, const char* key, double fallback) {
  if (!present(o, key)) return fallback;
  const val v = o[key];
  require(v.isNumber() && std::isfinite(v.as<double>()), ErrorCode::BAD_OPTION,
          std::string("option '") + key + "' must be a finite number");
  return v.as<double>();
}

int optInt(const val& o, const char* key, int fallback) {
  if (!present(o, key)) return fallback;
  return checkedInt(optNumber(o, key, 0), key);
}

bool optBool(const val& o, const char* key, bool fallback) {
  if (!present(o, key)) return fallback;
  require(o[key].isTrue() || o[key].isFalse(), ErrorCode::BAD_OPTION, std::string("option '") + key + "' must be true or false");
  return o[key].as<bool>();
}

std::vector<std::string> optStrings(const val& o, const char* key) {
  std::vector<std::string> out;
  if (!present(o, key)) return out;
  const val v = o[key];
  require(val::global("Array").call<bool>("isArray", v), ErrorCode::BAD_OPTION,
          std::string("option '") + key + "' must be an array of strings");
  const unsigned n = v["length"].as<unsigned>();
  for (unsigned i = 0; i < n; ++i) {
    require(v[i].isString(), ErrorCode::BAD_OPTION, std::string("option '") + key + "[" + std::to_string(i) + "]' must be a string");
    out.push_back(v[i].as<std::string>());
  }
  return out;
}

// A U+001F-joined column as strings (absent/empty key → empty vector).
std::vector<std::string> joinedColumn(const val& o, const char* key, double rows) {
  if (!present(o, key)) return {};
  require(o[key].isString(), ErrorCode::BAD_OPTION, std::string("'") + key + "' must be a joined string column");
  const std::string joined = o[key].as<std::string>();
  std::vector<std::string> out;
  for (std::string_view c : splitCells(joined, rows, key)) out.emplace_back(c);
  return out;
}

val doublesToJs(const std::vector<double>& v) { return toFloat64Array(v.data(), v.size()); }

// ---- explanations --------------------------------------------------------------------------

val explainToJs(const Explanation& e) {
  val o = val::object();
  o.set("columns", toJsStrings(e.columns));
  o.set("values", toJsStrings(e.values));
  o.set("contributions", doublesToJs(e.contributions));
  o.set("prediction", e.prediction);
  o.set("baselinePrediction", e.baselinePrediction);
  o.set("classIndex", e.classIndex);
  o.set("output", e.output);
  o.set("steps", e.steps);
  o.set("completenessError", e.completenessError);
  return o;
}

val explainRow(const Model& m, const Table& t, double row, const val& options) {
  return guard(val::null(), [&] {
    ExplainOptions o;
    o.steps = optInt(options, "steps", 0);
    o.classIndex = optInt(options, "classIndex", -1);
    if (present(options, "background"))
      o.background = options["background"].as<Table*>(emscripten::allow_raw_pointers());
    return explainToJs(explain(m, t, static_cast<size_t>(checkedInt(row, "row")), o));
  });
}

val importanceOf(const Model& m, const Table& t, const val& options) {
  return guard(val::null(), [&] {
    ImportanceOptions o;
    o.repeats = optInt(options, "repeats", o.repeats);
    o.seed = checkedSeed(optNumber(options, "seed", 1));
    const Importance imp = importance(m, t, o);
    val out = val::object();
    out.set("metric", imp.metric);
    out.set("baseline", imp.baseline);
    val cols = val::array();
    for (const ColumnImportance& c : imp.columns) {
      val ci = val::object();
      ci.set("column", c.column);
      ci.set("mean", c.mean);
      ci.set("sd", c.sd);
      ci.set("drops", doublesToJs(c.drops));
      cols.call<void>("push", ci);
    }
    out.set("columns", cols);
    return out;
  });
}

val whatIfOf(const Model& m, const Table& t, double row, const val& options) {
  return guard(val::null(), [&] {
    WhatIfOptions o;
    o.actionable = optStrings(options, "actionable");
    o.classIndex = optInt(options, "classIndex", -1);
    o.increase = optBool(options, "increase", true);
    val out = val::array();
    for (const WhatIfChange& c : whatIf(m, t, static_cast<size_t>(checkedInt(row, "row")), o)) {
      val ch = val::object();
      ch.set("column", c.column);
      ch.set("from", c.from);
      ch.set("to", c.to);
      ch.set("before", c.before);
      ch.set("after", c.after);
      ch.set("gain", c.gain);
      out.call<void>("push", ch);
    }
    return out;
  });
}

// ---- knowledge tracing ---------------------------------------------------------------------

// {rows, students, skills, correct: joined columns; items?: joined; order?: Float64Array;
//  correctColumn?: name for messages}
AttemptLog* makeAttemptLog(const val& spec) {
  return guard<AttemptLog*>(nullptr, [&] {
    const double rows = optNumber(spec, "rows", -1);
    require(rows >= 1, ErrorCode::EMPTY_DATA, "the attempt log has no rows");
    const std::string correctName = present(spec, "correctColumn") ? spec["correctColumn"].as<std::string>() : "correct";
    const std::vector<double> correct = AttemptLog::parseCorrect(joinedColumn(spec, "correct", rows), correctName);
    std::vector<double> order;
    if (present(spec, "order")) order = emscripten::convertJSArrayToNumberVector<double>(spec["order"]);
    return new AttemptLog(AttemptLog::fromColumns(joinedColumn(spec, "students", rows), joinedColumn(spec, "skills", rows),
                                                  correct, joinedColumn(spec, "items", rows), order));
  });
}

double logSize(const AttemptLog& l) { return static_cast<double>(l.size()); }
val logStudents(const AttemptLog& l) { return toJsStrings(l.studentNames()); }
val logSkills(const AttemptLog& l) { return toJsStrings(l.skillNames()); }

MasteryOptions toMasteryOptions(const val& o) {
  MasteryOptions m;
  if (present(o, "hidden")) {
    m.hidden.clear();
    for (double h : emscripten::convertJSArrayToNumberVector<double>(o["hidden"])) m.hidden.push_back(checkedInt(h, "hidden"));
  }
  m.epochs = optInt(o, "epochs", m.epochs);
  m.seed = checkedSeed(optNumber(o, "seed", static_cast<double>(m.seed)));
  m.learningRate = optNumber(o, "learningRate", m.learningRate);
  m.batchSize = optInt(o, "batchSize", m.batchSize);
  m.l2 = optNumber(o, "l2", m.l2);
  m.validationFraction = optNumber(o, "validationFraction", m.validationFraction);
  m.patience = optInt(o, "patience", m.patience);
  m.useItems = optBool(o, "useItems", m.useItems);
  m.skillPrior = optNumber(o, "skillPrior", m.skillPrior);
  m.itemPrior = optNumber(o, "itemPrior", m.itemPrior);
  m.pfaRidge = optNumber(o, "pfaRidge", m.pfaRidge);
  const int maxStudents = optInt(o, "maxTrainStudents", 0);
  require(maxStudents >= 0, ErrorCode::BAD_OPTION, "option 'maxTrainStudents' must be >= 0");
  m.maxTrainStudents = static_cast<size_t>(maxStudents);
  return m;
}

MasteryModel* trainMastery(const AttemptLog& log, const val& options) {
  return guard<MasteryModel*>(nullptr, [&] { return new MasteryModel(MasteryModel::train(log, toMasteryOptions(options))); });
}

MasteryModel* loadMastery(const val& bytes) {
  return guard<MasteryModel*>(nullptr, [&] { return new MasteryModel(MasteryModel::loadBytes(toBytes(bytes))); });
}

val masteryEvaluate(const MasteryModel& m, const AttemptLog& log) {
  return guard(val::null(), [&] {
    const MasteryReport r = m.evaluate(log);
    val o = val::object();
    o.set("auc", r.auc);
    o.set("accuracy", r.accuracy);
    o.set("rmse", r.rmse);
    o.set("logLoss", r.logLoss);
    o.set("pfaAuc", r.pfaAuc);
    o.set("pfaAccuracy", r.pfaAccuracy);
    o.set("pfaLogLoss", r.pfaLogLoss);
    o.set("attempts", static_cast<double>(r.attempts));
    o.set("students", static_cast<double>(r.students));
    return o;
  });
}

val masteryToJs(const std::vector<SkillMastery>& v) {
  val out = val::array();
  for (const SkillMastery& s : v) {
    val o = val::object();
    o.set("skill", s.skill);
    o.set("mastery", s.mastery);
    o.set("attempts", s.attempts);
    o.set("successes", s.successes);
    out.call<void>("push", o);
  }
  return out;
}

// student "" = the history holds exactly one student.
val masteryOf(const MasteryModel& m, const AttemptLog& history, const std::string& student) {
  return guard(val::null(), [&] { return masteryToJs(student.empty() ? m.mastery(history) : m.mastery(history, student)); });
}

val masteryPredictNext(const MasteryModel& m, const AttemptLog& log) {
  return guard(val::null(), [&] {
    // In the log's input row order (the log sorts by student internally).
    const std::vector<double> sorted = m.predictNext(log);
    std::vector<double> out(sorted.size());
    for (size_t i = 0; i < sorted.size(); ++i) out[log.sourceRow(i)] = sorted[i];
    return doublesToJs(out);
  });
}

val masterySave(const MasteryModel& m) {
  return guard(val::null(), [&] { return toUint8Array(m.saveBytes()); });
}

val masterySkills(const MasteryModel& m) { return toJsStrings(m.skills()); }
bool masteryUsesItems(const MasteryModel& m) { return m.usesItems(); }

// catalog: {rows, ids, skills: joined; difficulties?, prerequisites?, durations?: joined}
std::vector<Resource> toCatalog(const val& c) {
  const double rows = optNumber(c, "rows", -1);
  require(rows >= 1, ErrorCode::EMPTY_DATA, "the resource catalog has no rows");
  return catalogFromColumns(joinedColumn(c, "ids", rows), joinedColumn(c, "skills", rows),
                            joinedColumn(c, "difficulties", rows), joinedColumn(c, "prerequisites", rows),
                            joinedColumn(c, "durations", rows));
}

val pathToJs(const LearningPath& p) {
  val steps = val::array();
  for (const PathStep& s : p.steps) {
    val o = val::object(), reason = val::object();
    o.set("resource", s.resource);
    o.set("duration", s.duration);
    reason.set("skill", s.reason.skill);
    reason.set("mastery", s.reason.mastery);
    reason.set("predictedSuccess", s.reason.predictedSuccess);
    reason.set("note", s.reason.note);
    o.set("reason", reason);
    steps.call<void>("push", o);
  }
  val flagged = val::array();
  for (const FlaggedResource& f : p.flagged) {
    val o = val::object();
    o.set("resource", f.resource);
    o.set("skill", f.skill);
    o.set("reason", f.reason);
    flagged.call<void>("push", o);
  }
  val out = val::object();
  out.set("steps", steps);
  out.set("flagged", flagged);
  out.set("blockedSkills", toJsStrings(p.blockedSkills));
  out.set("masteredSkills", toJsStrings(p.masteredSkills));
  return out;
}

val recommend(const MasteryModel& m, const AttemptLog& history, const std::string& student, const val& catalog,
              const val& options) {
  return guard(val::null(), [&] {
    RecommendOptions o;
    o.n = optInt(options, "n", o.n);
    o.threshold = optNumber(options, "threshold", o.threshold);
    o.prerequisiteThreshold = optNumber(options, "prerequisiteThreshold", o.prerequisiteThreshold);
    o.target = optNumber(options, "target", o.target);
    o.completed = optStrings(options, "completed");
    o.maxPerSkill = optInt(options, "maxPerSkill", o.maxPerSkill);
    require(!student.empty() || history.numStudents() == 1, ErrorCode::BAD_OPTION,
            "option 'student' is required when the history holds " + std::to_string(history.numStudents()) + " students");
    const std::string who = student.empty() ? history.studentNames()[0] : student;
    return pathToJs(recommendPath(m, history, who, toCatalog(catalog), o));
  });
}

val classViewOf(const MasteryModel& m, const AttemptLog& histories, double threshold) {
  return guard(val::null(), [&] {
    val out = val::array();
    for (const SkillClassSummary& s : classView(m, histories, threshold)) {
      val o = val::object();
      o.set("skill", s.skill);
      o.set("notMastered", s.notMastered);
      o.set("students", s.students);
      o.set("meanMastery", s.meanMastery);
      out.call<void>("push", o);
    }
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(pathwise_personal) {
  using namespace emscripten;
  function("explain", &explainRow);
  function("importance", &importanceOf);
  function("whatIf", &whatIfOf);

  class_<AttemptLog>("NativeAttemptLog")
      .function("size", &logSize)
      .function("students", &logStudents)
      .function("skills", &logSkills);
  function("attemptLog", &makeAttemptLog, allow_raw_pointers());

  class_<MasteryModel>("NativeMastery")
      .function("evaluate", &masteryEvaluate)
      .function("mastery", &masteryOf)
      .function("predictNext", &masteryPredictNext)
      .function("save", &masterySave)
      .function("skills", &masterySkills)
      .function("usesItems", &masteryUsesItems);
  function("trainMastery", &trainMastery, allow_raw_pointers());
  function("loadMastery", &loadMastery, allow_raw_pointers());
  function("recommendPath", &recommend);
  function("classView", &classViewOf);
}

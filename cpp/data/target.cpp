// TargetEncoder fit/encode: task inference, label and rule parsing, class lists.
#include "data/target.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "core/error.h"
#include "data/column_reader.h"

namespace pathwise {
namespace {

constexpr size_t kMaxClasses = 1000;
constexpr size_t kMaxAutoClasses = 10;

std::vector<size_t> allOrGiven(const Table& table, const std::vector<size_t>* rows) {
  std::vector<size_t> out;
  if (rows) {
    for (size_t r : *rows)
      if (r >= table.rows())
        throw Error(ErrorCode::SHAPE_MISMATCH, "row index " + std::to_string(r) + " out of range (" +
                                                   std::to_string(table.rows()) + " rows)");
    return *rows;
  }
  out.resize(table.rows());
  for (size_t r = 0; r < out.size(); ++r) out[r] = r;
  return out;
}

// Texts sorted numerically when every one is a number, else by text.
void sortClasses(std::vector<std::string>& classes) {
  double unused = 0;
  const bool numeric = std::all_of(classes.begin(), classes.end(),
                                   [&](const std::string& c) { return parseDecimal(c, unused); });
  if (!numeric) return std::sort(classes.begin(), classes.end());
  std::sort(classes.begin(), classes.end(), [](const std::string& a, const std::string& b) {
    double x = 0, y = 0;
    parseDecimal(a, x);
    parseDecimal(b, y);
    return x < y;
  });
}

std::string fewLevels(const std::vector<std::string>& levels) {
  std::string out;
  for (size_t i = 0; i < levels.size() && i < 5; ++i) out += (i ? ", " : "") + levels[i];
  return levels.size() > 5 ? out + ", ..." : out;
}

std::vector<std::string> observedLevels(const Column& col, const std::vector<size_t>& rows) {
  std::set<int32_t> codes;
  for (size_t r : rows)
    if (!col.isMissing(r)) codes.insert(col.codes[r]);
  std::vector<std::string> out;
  for (int32_t c : codes) out.push_back(col.levels[static_cast<size_t>(c)]);
  sortClasses(out);
  return out;
}

[[noreturn]] void badRule(const std::string& rule, const std::string& why) {
  throw Error(ErrorCode::BAD_RULE, "rule '" + rule + "' " + why);
}

}  // namespace

const char* taskName(Task task) {
  switch (task) {
    case Task::Auto: return "auto";
    case Task::Binary: return "binary";
    case Task::Multiclass: return "multiclass";
    case Task::Regression: return "regression";
  }
  return "unknown";
}

void TargetEncoder::fit(const Table& table, const TargetSpec& spec, const std::vector<size_t>* rows) {
  const Column& col = table.column(spec.column);  // UNKNOWN_COLUMN
  const std::vector<size_t> fitRows = allOrGiven(table, rows);
  if (std::all_of(fitRows.begin(), fitRows.end(), [&](size_t r) { return col.isMissing(r); }))
    throw Error(ErrorCode::ALL_MISSING_COLUMN, "target column '" + col.name + "' has no values in the " +
                                                   std::to_string(fitRows.size()) + " training rows");
  TargetEncoder e;
  e.column_ = spec.column;
  const std::string positive(trimCell(spec.positive));
  if (positive.empty()) {
    e.fitUnlabelled(table, spec.task, fitRows);
  } else {
    if (spec.task == Task::Multiclass || spec.task == Task::Regression)
      throw Error(ErrorCode::BAD_OPTION, std::string("a positive label or rule makes the task binary, but task '") +
                                             taskName(spec.task) + "' was requested");
    const bool isLevel = col.type != ColumnType::Numeric &&
                         std::find(col.levels.begin(), col.levels.end(), positive) != col.levels.end();
    const bool ruleLike = positive.find_first_of("<>=!") != std::string::npos;
    e.task_ = Task::Binary;
    if (ruleLike && !isLevel) e.fitRule(table, positive);
    else e.fitLabel(table, positive, fitRows);
    e.requireBothClasses(table, fitRows);
  }
  *this = std::move(e);
}

void TargetEncoder::fitRule(const Table& table, const std::string& rule) {
  static const char* kOps[] = {">=", ">", "<=", "<", "==", "!="};  // order of Op
  const size_t at = rule.find_first_of("<>=!");
  const std::string named(trimCell(rule.substr(0, at)));
  int op = -1;
  for (int k = 0; k < 6 && op < 0; ++k)
    if (rule.compare(at, std::char_traits<char>::length(kOps[k]), kOps[k]) == 0) op = k;
  double v = 0;
  const size_t opLen = op < 0 ? 0 : std::char_traits<char>::length(kOps[op]);
  if (op < 0 || !parseDecimal(std::string_view(rule).substr(at + opLen), v) || !std::isfinite(v))
    badRule(rule, "cannot be read: expected '<column> <op> <number>' with op one of >= > <= < == !=");
  const Column& col = table.column(column_);
  if (col.type != ColumnType::Numeric)
    badRule(rule, std::string("needs a numeric column; '") + column_ + "' is " + columnTypeName(col.type));
  if (!named.empty() && named != column_)
    badRule(rule, "names column '" + named + "' but the target column is '" + column_ + "'");
  mode_ = Mode::Rule;
  op_ = static_cast<Op>(op);
  threshold_ = v;
  const std::string canonical = column_ + " " + kOps[op] + " " +
                                std::string(trimCell(std::string_view(rule).substr(at + opLen)));
  classes_ = {"not " + canonical, canonical};
}

void TargetEncoder::fitLabel(const Table& table, const std::string& label, const std::vector<size_t>& rows) {
  const Column& col = table.column(column_);
  if (col.type == ColumnType::Boolean) {
    int b = parseBooleanToken(label);
    if (label == col.levels[0] || label == col.levels[1]) b = label == col.levels[1] ? 1 : 0;
    if (b < 0)
      throw Error(ErrorCode::BAD_RULE, "'" + label + "' is not a value of boolean column '" + column_ +
                                           "' (values: " + col.levels[0] + ", " + col.levels[1] + ")");
    mode_ = Mode::Boolean;
    flip_ = b == 0;
    classes_ = {col.levels[1 - b], col.levels[b]};
    return;
  }
  mode_ = Mode::Label;
  if (col.type == ColumnType::Numeric) {
    double v = 0;
    if (!parseDecimal(label, v))
      throw Error(ErrorCode::BAD_RULE, "'" + label + "' is not a number and column '" + column_ +
                                           "' is numeric; use a rule like '" + column_ + " >= 10'");
    label_ = floatText(static_cast<float>(v));
    classes_ = {"not " + label_, label_};
    return;
  }
  const std::vector<std::string> seen = observedLevels(col, rows);
  if (std::find(seen.begin(), seen.end(), label) == seen.end())
    throw Error(ErrorCode::BAD_RULE, "'" + label + "' is not a value of column '" + column_ +
                                         "' in the training rows (values: " + fewLevels(seen) + ")");
  label_ = label;
  classes_ = {"not " + label, label};
  if (seen.size() == 2) classes_[0] = seen[0] == label ? seen[1] : seen[0];
}

void TargetEncoder::fitUnlabelled(const Table& table, Task requested, const std::vector<size_t>& rows) {
  const Column& col = table.column(column_);
  if (col.type != ColumnType::Numeric && requested == Task::Regression)
    throw Error(ErrorCode::BAD_OPTION, "regression needs a numeric target; '" + column_ + "' is " +
                                           columnTypeName(col.type));
  if (col.type == ColumnType::Numeric) return fitNumericClasses(col, requested, rows);
  if (col.type == ColumnType::Boolean) {
    if (requested == Task::Multiclass)
      throw Error(ErrorCode::BAD_OPTION, "boolean target '" + column_ + "' can only be binary");
    mode_ = Mode::Boolean;
    task_ = Task::Binary;
    classes_ = col.levels;
    return requireBothClasses(table, rows);
  }
  mode_ = Mode::Classes;
  classes_ = observedLevels(col, rows);
  if (classes_.size() < 2)
    throw Error(ErrorCode::SINGLE_CLASS_TARGET, "target column '" + column_ + "' has only the value '" +
                                                    classes_[0] + "' in the training rows");
  if (requested == Task::Binary && classes_.size() != 2)
    throw Error(ErrorCode::BAD_OPTION, "binary task on '" + column_ + "' needs 2 classes or a positive label; it has " +
                                           std::to_string(classes_.size()) + " (" + fewLevels(classes_) + ")");
  if (classes_.size() > kMaxClasses)
    throw Error(ErrorCode::BAD_OPTION, "target column '" + column_ + "' has " + std::to_string(classes_.size()) +
                                           " classes; at most " + std::to_string(kMaxClasses) + " are supported");
  task_ = requested == Task::Auto ? (classes_.size() == 2 ? Task::Binary : Task::Multiclass) : requested;
}

void TargetEncoder::fitNumericClasses(const Column& col, Task requested, const std::vector<size_t>& rows) {
  std::set<float> distinct;
  bool integers = true;
  for (size_t r : rows) {
    const float v = col.values[r];
    if (std::isnan(v)) continue;
    integers = integers && v == std::floor(v);
    if (distinct.size() <= kMaxClasses) distinct.insert(v);
  }
  const bool fewIntegers = integers && distinct.size() <= kMaxAutoClasses;
  if (requested == Task::Regression || (requested == Task::Auto && !fewIntegers)) {
    mode_ = Mode::Regression;
    task_ = Task::Regression;
    return;
  }
  if (distinct.size() > kMaxClasses)
    throw Error(ErrorCode::BAD_OPTION, "target column '" + column_ + "' has more than " +
                                           std::to_string(kMaxClasses) + " distinct values; use regression");
  mode_ = Mode::Classes;
  for (float v : distinct) classes_.push_back(floatText(v));  // std::set: numeric order
  if (classes_.size() < 2)
    throw Error(ErrorCode::SINGLE_CLASS_TARGET, "target column '" + column_ + "' has only the value " +
                                                    classes_[0] + " in the training rows");
  if (requested == Task::Binary && classes_.size() != 2)
    throw Error(ErrorCode::BAD_OPTION, "binary task on '" + column_ + "' needs 2 distinct values or a rule like '" +
                                           column_ + " >= 10'; it has " + std::to_string(classes_.size()));
  task_ = requested == Task::Auto ? (classes_.size() == 2 ? Task::Binary : Task::Multiclass) : requested;
}

void TargetEncoder::requireBothClasses(const Table& table, const std::vector<size_t>& rows) const {
  size_t count[2] = {0, 0};
  for (float y : encode(table, &rows))
    if (!std::isnan(y)) ++count[y != 0 ? 1 : 0];
  if (count[0] == 0 || count[1] == 0)
    throw Error(ErrorCode::SINGLE_CLASS_TARGET, "target '" + classes_[1] + "' is " +
                                                    (count[1] ? "true" : "false") + " for all " +
                                                    std::to_string(count[0] + count[1]) +
                                                    " training rows with a value in '" + column_ + "'");
}

bool TargetEncoder::ruleHolds(double v) const {
  switch (op_) {
    case Op::Ge: return v >= threshold_;
    case Op::Gt: return v > threshold_;
    case Op::Le: return v <= threshold_;
    case Op::Lt: return v < threshold_;
    case Op::Eq: return v == threshold_;
    case Op::Ne: return v != threshold_;
  }
  return false;
}

std::vector<float> TargetEncoder::encode(const Table& table, const std::vector<size_t>* rows) const {
  const int c = table.indexOf(column_);
  if (c < 0) throw Error(ErrorCode::SCHEMA_MISMATCH, "the data has no target column '" + column_ + "'");
  const Column& col = table.column(static_cast<size_t>(c));
  const std::vector<size_t> want = allOrGiven(table, rows);
  std::vector<float> y(want.size(), std::numeric_limits<float>::quiet_NaN());
  if (mode_ == Mode::Classes || mode_ == Mode::Label) {
    const LevelReader reader(table, static_cast<size_t>(c), mode_ == Mode::Label ? std::vector<std::string>{label_} : classes_);
    for (size_t i = 0; i < want.size(); ++i) {
      const int k = reader.at(want[i]);
      if (mode_ == Mode::Label && k != LevelReader::kMissing) y[i] = k == 0 ? 1.f : 0.f;
      if (mode_ == Mode::Classes && k >= 0) y[i] = static_cast<float>(k);
    }
    return y;
  }
  const NumericReader reader(col, mode_ == Mode::Boolean ? ColumnType::Boolean : ColumnType::Numeric);
  for (size_t i = 0; i < want.size(); ++i) {
    const double v = reader.at(want[i]);
    if (std::isnan(v)) continue;
    if (mode_ == Mode::Regression) y[i] = static_cast<float>(v);
    if (mode_ == Mode::Rule) y[i] = ruleHolds(v) ? 1.f : 0.f;
    if (mode_ == Mode::Boolean) y[i] = (v != 0) != flip_ ? 1.f : 0.f;
  }
  return y;
}

}  // namespace pathwise

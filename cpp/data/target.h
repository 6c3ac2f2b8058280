// Target encoding: which task a target column defines (binary / multiclass / regression), how a
// positive label or numeric rule ("G3 >= 10") makes it binary, and the per-row encoded y.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "data/table.h"

namespace pathwise {

enum class Task { Auto, Binary, Multiclass, Regression };

// Lower-case name of a task: "auto", "binary", "multiclass", "regression".
const char* taskName(Task task);

struct TargetSpec {
  std::string column;
  Task task = Task::Auto;
  // A label ("yes", "pass") or a rule "<column> <op> <number>" / "<op> <number>",
  // op in >= > <= < == != ; either makes the task Binary.
  std::string positive;
};

class TargetEncoder {
 public:
  void fit(const Table& table, const TargetSpec& spec, const std::vector<size_t>* rows = nullptr);
  // y per row: class index (0..k-1, as float) or value; NaN when the target cell is missing
  // (and, for multiclass, when the class was not seen at fit time).
  std::vector<float> encode(const Table& table, const std::vector<size_t>* rows = nullptr) const;
  Task task() const { return task_; }
  size_t numClasses() const { return task_ == Task::Regression ? 1 : classes_.size(); }
  const std::vector<std::string>& classes() const { return classes_; }  // binary: {negative, positive}
  int positiveClass() const { return task_ == Task::Binary ? 1 : -1; }
  const std::string& column() const { return column_; }

  void save(ByteWriter& w) const;
  static TargetEncoder load(ByteReader& r);  // BAD_MODEL_FILE on anything invalid

 private:
  enum class Mode : uint8_t { Regression, Classes, Label, Rule, Boolean };
  enum class Op : uint8_t { Ge, Gt, Le, Lt, Eq, Ne };
  void fitRule(const Table& table, const std::string& rule);
  void fitLabel(const Table& table, const std::string& label, const std::vector<size_t>& rows);
  void fitUnlabelled(const Table& table, Task requested, const std::vector<size_t>& rows);
  void fitNumericClasses(const Column& col, Task requested, const std::vector<size_t>& rows);
  void requireBothClasses(const Table& table, const std::vector<size_t>& rows) const;
  bool ruleHolds(double v) const;
  void validate(ByteReader& r) const;

  std::string column_;
  Task task_ = Task::Auto;
  Mode mode_ = Mode::Regression;
  std::vector<std::string> classes_;
  Op op_ = Op::Ge;
  double threshold_ = 0;
  std::string label_;  // Label mode: the positive text (numbers in canonical float text)
  bool flip_ = false;  // Boolean mode: positive is the false value
};

}  // namespace pathwise

// TargetEncoder save/load: payload without file header; load validates enums, the class list
// and the consistency of task and mode → BAD_MODEL_FILE.
#include <cmath>

#include "data/target.h"

namespace pathwise {

void TargetEncoder::save(ByteWriter& w) const {
  w.str(column_);
  w.u8(static_cast<uint8_t>(task_));
  w.u8(static_cast<uint8_t>(mode_));
  w.u32(static_cast<uint32_t>(classes_.size()));
  for (const std::string& c : classes_) w.str(c);
  w.u8(static_cast<uint8_t>(op_));
  w.f64(threshold_);
  w.str(label_);
  w.u8(flip_ ? 1 : 0);
}

TargetEncoder TargetEncoder::load(ByteReader& r) {
  TargetEncoder e;
  e.column_ = r.str();
  const uint8_t task = r.u8(), mode = r.u8();
  if (task < 1 || task > 3) r.fail("invalid task " + std::to_string(task));
  if (mode > 4) r.fail("invalid target mode " + std::to_string(mode));
  e.task_ = static_cast<Task>(task);
  e.mode_ = static_cast<Mode>(mode);
  const uint32_t n = r.count(4, "class");
  for (uint32_t k = 0; k < n; ++k) e.classes_.push_back(r.str());
  const uint8_t op = r.u8();
  if (op > 5) r.fail("invalid rule operator " + std::to_string(op));
  e.op_ = static_cast<Op>(op);
  e.threshold_ = r.f64();
  e.label_ = r.str();
  const uint8_t flip = r.u8();
  if (flip > 1) r.fail("invalid flag " + std::to_string(flip));
  e.flip_ = flip == 1;
  e.validate(r);
  return e;
}

void TargetEncoder::validate(ByteReader& r) const {
  if (column_.empty()) r.fail("empty target column name");
  if (!std::isfinite(threshold_)) r.fail("rule threshold is not finite");
  const bool binaryMode = mode_ == Mode::Label || mode_ == Mode::Rule || mode_ == Mode::Boolean;
  const bool taskFits = (mode_ == Mode::Regression) == (task_ == Task::Regression) &&
                        (!binaryMode || task_ == Task::Binary);
  if (!taskFits) r.fail("target mode does not fit task '" + std::string(taskName(task_)) + "'");
  const size_t k = classes_.size();
  const bool countFits = task_ == Task::Regression ? k == 0 : (task_ == Task::Binary ? k == 2 : k >= 2);
  if (!countFits) r.fail(std::to_string(k) + " classes for task '" + taskName(task_) + "'");
  if ((mode_ == Mode::Label) == label_.empty()) r.fail("label does not fit the target mode");
}

}  // namespace pathwise

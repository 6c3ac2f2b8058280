// Pipeline save/load: a payload without file header (the model file adds magic and version);
// load validates every enum, count, level list and statistic → BAD_MODEL_FILE.
#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "data/pipeline.h"

namespace pathwise {
namespace {

// Smallest possible serialized feature, for ByteReader::count.
constexpr size_t kMinFeatureBytes = 4 + 3 + 8 + 4 + 4 * 8 + 4 + 8 + 4 + 2 * 8;

}  // namespace

void Pipeline::save(ByteWriter& w) const {
  w.u32(static_cast<uint32_t>(info_.size()));
  for (size_t f = 0; f < info_.size(); ++f) {
    const FeatureInfo& info = info_[f];
    const Fitted& fit = fitted_[f];
    w.str(info.name);
    w.u8(static_cast<uint8_t>(info.type));
    w.u8(static_cast<uint8_t>(info.preprocess.impute));
    w.u8(static_cast<uint8_t>(info.preprocess.scaling));
    w.f64(info.preprocess.constant);
    w.str(info.preprocess.constantCategory);
    for (double v : {info.min, info.max, info.mean, info.sd}) w.f64(v);
    w.u32(static_cast<uint32_t>(info.levels.size()));
    for (const std::string& level : info.levels) w.str(level);
    w.f64(fit.fill);
    w.i32(fit.fillLevel);
    w.f64(fit.center);
    w.f64(fit.scale);
  }
}

Pipeline Pipeline::load(ByteReader& r) {
  Pipeline p;
  const uint32_t n = r.count(kMinFeatureBytes, "feature");
  if (n == 0) r.fail("pipeline has no features");
  for (uint32_t f = 0; f < n; ++f) p.loadFeature(r);
  std::set<std::string> names(p.features_.begin(), p.features_.end());
  if (names.size() != p.features_.size()) r.fail("duplicate feature name");
  p.rebuildOutputs();
  return p;
}

void Pipeline::loadFeature(ByteReader& r) {
  FeatureInfo info;
  Fitted fit;
  info.name = r.str();
  if (info.name.empty()) r.fail("empty feature name");
  info.type = readEnum<ColumnType>(r, 3, "column type");
  info.preprocess.impute = readEnum<Impute>(r, 5, "impute");
  info.preprocess.scaling = readEnum<Scaling>(r, 3, "scaling");
  info.preprocess.constant = readFinite(r, "impute constant");
  info.preprocess.constantCategory = r.str();
  for (double* v : {&info.min, &info.max, &info.mean, &info.sd}) *v = readFinite(r, "feature statistic");
  const uint32_t levels = r.count(4, "level");
  for (uint32_t k = 0; k < levels; ++k) info.levels.push_back(r.str());
  fit.fill = readFinite(r, "fill value");
  fit.fillLevel = r.i32();
  fit.center = readFinite(r, "center");
  fit.scale = readFinite(r, "scale");
  const bool categorical = info.type == ColumnType::Categorical;
  // Fitted on float data: a centre or fill beyond float range can only come from a forged file.
  constexpr double kFloatMax = std::numeric_limits<float>::max();
  if (!(std::fabs(fit.center) <= kFloatMax) || !(std::fabs(fit.fill) <= kFloatMax))
    r.fail("centre or fill value of '" + info.name + "' is out of float range");
  if (!(fit.scale > 0)) r.fail("scale of '" + info.name + "' must be positive");
  if (categorical != !info.levels.empty()) r.fail("level list of '" + info.name + "' does not fit its type");
  if (std::adjacent_find(info.levels.begin(), info.levels.end(),
                         [](const std::string& a, const std::string& b) { return !(a < b); }) !=
      info.levels.end())
    r.fail("levels of '" + info.name + "' are not sorted and unique");
  const bool drop = info.preprocess.impute == Impute::Drop;
  const int maxLevel = static_cast<int>(info.levels.size()) - 1;
  const bool fillOk = !categorical ? fit.fillLevel == -1
                                   : (drop ? fit.fillLevel == -1 : fit.fillLevel >= 0 && fit.fillLevel <= maxLevel);
  if (!fillOk) r.fail("fill level of '" + info.name + "' is out of range");
  if (categorical && (info.preprocess.impute == Impute::Mean || info.preprocess.impute == Impute::Median))
    r.fail("categorical feature '" + info.name + "' cannot be mean/median imputed");
  features_.push_back(info.name);
  info_.push_back(std::move(info));
  fitted_.push_back(fit);
}

}  // namespace pathwise

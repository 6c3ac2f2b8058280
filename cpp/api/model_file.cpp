// The model file: Model::save / Model::load. Format (little-endian), documented in
// docs/MODEL_FILE.md:
//   "PATHWISE" | u32 version | u32 flags | u64 payload length L | payload | u32 CRC-32 of all before
// payload = options, training metadata, TargetEncoder, Pipeline, Mlp<float>.
// Loading checks magic, version, exact size and CRC before parsing, validates every section, and
// checks that the sections fit together; any failure is BAD_MODEL_FILE.
#include <cmath>
#include <cstring>

#include "api/model.h"
#include "core/bytes.h"

namespace pathwise {
namespace {

constexpr char kMagic[8] = {'P', 'A', 'T', 'H', 'W', 'I', 'S', 'E'};
constexpr uint32_t kVersion = 1;
constexpr size_t kHeader = 8 + 4 + 4 + 8;

void writeStrings(ByteWriter& w, const std::vector<std::string>& v) {
  w.u32(static_cast<uint32_t>(v.size()));
  for (const auto& s : v) w.str(s);
}

std::vector<std::string> readStrings(ByteReader& r, const char* what) {
  std::vector<std::string> v(r.count(4, what));
  for (auto& s : v) s = r.str();
  return v;
}

void writeOptions(ByteWriter& w, const ModelOptions& o) {
  w.str(o.target.column);
  w.u8(static_cast<uint8_t>(o.target.task));
  w.str(o.target.positive);
  writeStrings(w, o.exclude);
  const TrainOptions& t = o.train;
  w.u32(static_cast<uint32_t>(t.hidden.size()));
  for (int h : t.hidden) w.i32(h);
  w.u8(static_cast<uint8_t>(t.activation));
  w.u8(static_cast<uint8_t>(t.optimizer));
  for (double d : {t.learningRate, t.momentum, t.beta1, t.beta2, t.epsilon, t.l2, t.dropout, t.clipNorm,
                   t.validationSplit})
    w.f64(d);
  w.i32(t.batchSize);
  w.i32(t.epochs);
  w.i32(t.patience);
  w.u64(t.seed);
  w.u8(t.restoreBestWeights ? 1 : 0);
  w.u8(static_cast<uint8_t>(o.classWeight.kind));
  w.u32(static_cast<uint32_t>(o.classWeight.weights.size()));
  for (const auto& [label, weight] : o.classWeight.weights) {
    w.str(label);
    w.f64(weight);
  }
}

ModelOptions readOptions(ByteReader& r) {
  ModelOptions o;
  o.target.column = r.str();
  o.target.task = readEnum<Task>(r, 4, "task");
  o.target.positive = r.str();
  o.exclude = readStrings(r, "excluded columns");
  TrainOptions& t = o.train;
  t.hidden.resize(r.count(4, "hidden layers"));
  for (int& h : t.hidden) {
    h = r.i32();
    if (h < 1) r.fail("hidden layer size " + std::to_string(h));
  }
  t.activation = readEnum<Activation>(r, 4, "activation");
  t.optimizer = readEnum<TrainOptions::Optimizer>(r, 2, "optimizer");
  for (double* d : {&t.learningRate, &t.momentum, &t.beta1, &t.beta2, &t.epsilon, &t.l2, &t.dropout,
                    &t.clipNorm, &t.validationSplit})
    *d = readFinite(r, "training option");
  t.batchSize = r.i32();
  t.epochs = r.i32();
  t.patience = r.i32();
  t.seed = r.u64();
  t.restoreBestWeights = r.u8() != 0;
  o.classWeight.kind = readEnum<ClassWeightSpec::Kind>(r, 3, "class weight kind");
  const uint32_t nWeights = r.count(12, "class weights");
  for (uint32_t i = 0; i < nWeights; ++i) {
    std::string label = r.str();
    o.classWeight.weights[label] = readFinite(r, "class weight");
  }
  return o;
}

}  // namespace

struct ModelFile {
  static std::vector<uint8_t> save(const Model& m) {
    ByteWriter w;
    for (char c : kMagic) w.u8(static_cast<uint8_t>(c));
    w.u32(kVersion);
    w.u32(0);
    w.u64(0);  // payload length, patched below
    writeOptions(w, m.options_);
    w.i32(m.trainedEpochs_);
    w.u64(m.trainRows_);
    w.f64(m.yMean_);
    w.f64(m.ySd_);
    m.target_.save(w);
    m.pipeline_.save(w);
    m.net_.save(w);
    std::vector<uint8_t> bytes = w.take();
    const uint64_t payload = bytes.size() - kHeader;
    for (int i = 0; i < 8; ++i) bytes[16 + i] = static_cast<uint8_t>(payload >> (8 * i));
    const uint32_t crc = crc32(bytes.data(), bytes.size());
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(crc >> (8 * i)));
    return bytes;
  }

  static Model load(const uint8_t* data, size_t size) {
    ByteReader r(data, size);
    if (size < kHeader + 4) r.fail("file too small to be a pathwise model (" + std::to_string(size) + " bytes)");
    if (std::memcmp(data, kMagic, 8) != 0) r.fail("not a pathwise model file (bad magic)");
    r.raw(8);
    const uint32_t version = r.u32();
    if (version != kVersion)
      throw Error(ErrorCode::BAD_MODEL_FILE, "model file version " + std::to_string(version) +
                                                 " is not supported (this build reads version " +
                                                 std::to_string(kVersion) + ")");
    r.u32();  // flags, reserved
    const uint64_t payload = r.u64();
    if (payload != size - kHeader - 4)
      r.fail("payload length " + std::to_string(payload) + " does not match the file size " + std::to_string(size));
    uint32_t stored = 0;
    for (int i = 0; i < 4; ++i) stored |= static_cast<uint32_t>(data[size - 4 + i]) << (8 * i);
    if (crc32(data, size - 4) != stored) r.fail("checksum mismatch (the file is corrupted)");

    ByteReader p(data + kHeader, static_cast<size_t>(payload));
    Model m;
    m.options_ = readOptions(p);
    m.trainedEpochs_ = p.i32();
    m.trainRows_ = p.u64();
    m.yMean_ = readFinite(p, "target mean");
    m.ySd_ = readFinite(p, "target scale");
    m.target_ = TargetEncoder::load(p);
    m.pipeline_ = Pipeline::load(p);
    m.net_ = Mlp<float>::load(p);
    if (!p.atEnd()) p.fail(std::to_string(p.remaining()) + " unexpected trailing bytes");
    checkConsistent(m, p);
    return m;
  }

  static void checkConsistent(const Model& m, const ByteReader& p) {
    if (static_cast<size_t>(m.net_.inputs()) != m.pipeline_.outputWidth())
      p.fail("network inputs (" + std::to_string(m.net_.inputs()) + ") do not match the preprocessing width (" +
             std::to_string(m.pipeline_.outputWidth()) + ")");
    const Task task = m.target_.task();
    const OutputKind out = m.net_.outputKind();
    const bool ok = (task == Task::Binary && out == OutputKind::Sigmoid && m.net_.outputs() == 1) ||
                    (task == Task::Regression && out == OutputKind::Linear && m.net_.outputs() == 1) ||
                    (task == Task::Multiclass && out == OutputKind::Softmax &&
                     static_cast<size_t>(m.net_.outputs()) == m.target_.numClasses());
    if (!ok) p.fail("the network's output layer does not match the target");
    if (!(m.ySd_ > 0)) p.fail("target scale must be positive");
  }
};

std::vector<uint8_t> Model::save() const { return ModelFile::save(*this); }

Model Model::load(const uint8_t* data, size_t size) {
  try {
    return ModelFile::load(data, size);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::BAD_MODEL_FILE) throw;
    throw Error(ErrorCode::BAD_MODEL_FILE, std::string("invalid model file: ") + e.detail());
  } catch (const std::bad_alloc&) {
    throw Error(ErrorCode::BAD_MODEL_FILE, "invalid model file: a size in the file is implausible");
  }
}

}  // namespace pathwise

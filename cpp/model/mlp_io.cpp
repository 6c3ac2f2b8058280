// Binary save/load of Mlp<T>. load() trusts nothing: every count is checked against the bytes
// left before allocating, enums and shapes are validated, parameters must be finite.
#include <string>

#include "model/mlp.h"

namespace pathwise {

namespace {
constexpr uint32_t kMlpTag = 0x31504C4D;  // "MLP1" little-endian
constexpr uint32_t kMaxLayers = 64;
}  // namespace

template <typename T>
void Mlp<T>::save(ByteWriter& out) const {
  out.u32(kMlpTag);
  out.u8(static_cast<uint8_t>(sizeof(T)));
  out.u8(static_cast<uint8_t>(output_));
  out.i32(inputs());
  out.u32(static_cast<uint32_t>(layers_.size()));
  for (const auto& L : layers_) {
    out.i32(static_cast<int32_t>(L.W.cols()));
    out.u8(static_cast<uint8_t>(L.activation));
    if constexpr (sizeof(T) == 4) {
      out.f32s(L.W.data(), static_cast<size_t>(L.W.size()));
      out.f32s(L.b.data(), static_cast<size_t>(L.b.size()));
    } else {
      out.f64s(L.W.data(), static_cast<size_t>(L.W.size()));
      out.f64s(L.b.data(), static_cast<size_t>(L.b.size()));
    }
  }
}

// Reads n scalars stored with `width` bytes each into out (converted to T).
template <typename T>
static void readScalars(ByteReader& in, int width, T* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = width == 4 ? static_cast<T>(in.f32()) : static_cast<T>(in.f64());
}

template <typename T>
Mlp<T> Mlp<T>::load(ByteReader& in) {
  if (in.u32() != kMlpTag) in.fail("not a network (bad tag)");
  const int width = in.u8();
  if (width != 4 && width != 8) in.fail("bad scalar size " + std::to_string(width));
  const uint8_t kind = in.u8();
  if (kind > static_cast<uint8_t>(OutputKind::Linear)) in.fail("bad output kind " + std::to_string(kind));
  int fanIn = in.i32();
  if (fanIn <= 0) in.fail("bad input count " + std::to_string(fanIn));
  const uint32_t count = in.count(5, "layer");
  if (count == 0 || count > kMaxLayers) in.fail("bad layer count " + std::to_string(count));
  std::vector<DenseLayer<T>> layers(count);
  for (auto& L : layers) {
    const int units = in.i32();
    if (units <= 0) in.fail("bad unit count " + std::to_string(units));
    const uint8_t act = in.u8();
    if (act > static_cast<uint8_t>(Activation::Linear)) in.fail("bad activation " + std::to_string(act));
    L.activation = static_cast<Activation>(act);
    const uint64_t n = (static_cast<uint64_t>(fanIn) + 1) * static_cast<uint64_t>(units);
    if (n * static_cast<uint64_t>(width) > in.remaining()) in.fail("layer of " + std::to_string(n) + " parameters exceeds the file size");
    L.W.resize(fanIn, units);
    L.b.resize(units);
    readScalars(in, width, L.W.data(), static_cast<size_t>(L.W.size()));
    readScalars(in, width, L.b.data(), static_cast<size_t>(L.b.size()));
    fanIn = units;
  }
  try {
    return Mlp(std::move(layers), static_cast<OutputKind>(kind));
  } catch (const Error& e) {
    in.fail(e.detail());
  }
}

template void Mlp<float>::save(ByteWriter&) const;
template void Mlp<double>::save(ByteWriter&) const;
template Mlp<float> Mlp<float>::load(ByteReader&);
template Mlp<double> Mlp<double>::load(ByteReader&);

}  // namespace pathwise

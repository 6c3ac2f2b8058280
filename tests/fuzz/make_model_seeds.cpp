// Writes the seed corpus of model_file_fuzz: real saved models (binary, multiclass, regression,
// categorical-only, no hidden layer) trained on the fixed table, plus a few truncations.
// usage: make_model_seeds <output-dir>
#include <cstdio>
#include <string>
#include <vector>

#include "api/model.h"
#include "fixed_table.h"

using namespace pathwise;

namespace {

void write(const std::string& path, const std::vector<uint8_t>& b, size_t n) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) { std::perror(path.c_str()); std::exit(1); }
  std::fwrite(b.data(), 1, n, f);
  std::fclose(f);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) { std::fprintf(stderr, "usage: make_model_seeds <dir>\n"); return 2; }
  const std::string dir = argv[1];
  const Table t = makeFixedTable();
  struct Seed { const char* name; const char* target; const char* positive; std::vector<int> hidden;
                std::vector<std::string> exclude; };
  const std::vector<Seed> seeds = {
      {"binary_label", "result", "pass", {3}, {}},
      {"binary_rule", "x", ">= 0", {2, 2}, {"result"}},
      {"multiclass", "cat", "", {2}, {}},
      {"regression", "x", "", {}, {"noise"}},
      {"categorical_only", "result", "", {2}, {"x", "noise"}},
  };
  for (const Seed& s : seeds) {
    ModelOptions o;
    o.target.column = s.target;
    o.target.positive = s.positive;
    o.exclude = s.exclude;
    o.train.hidden = s.hidden;
    o.train.epochs = 2;
    o.train.validationSplit = 0;
    const std::vector<uint8_t> b = Model::train(t, o).save();
    write(dir + "/" + s.name + ".pwm", b, b.size());
    if (std::string(s.name) == "binary_label")
      for (size_t n : {size_t{0}, size_t{8}, size_t{23}, size_t{24}, b.size() / 2, b.size() - 1})
        write(dir + "/binary_label_trunc" + std::to_string(n) + ".pwm", b, n);
  }
  return 0;
}

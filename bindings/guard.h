// The error channel of the bindings, shared by every bindings/*.cpp: guard() runs an entry point
// and turns any exception into one pending {code, message} that takeError() hands to JS (errors
// never cross as exceptions; see docs/DESIGN.md "Bindings surface").
#pragma once

#include <new>
#include <stdexcept>
#include <string>

#include "core/error.h"

namespace pathwise {

struct PendingError {
  bool set = false;
  std::string code;
  std::string message;
};

// One pending error for the whole module (C++17 inline variable: a single instance).
inline PendingError g_error;

// Runs f, converting any exception into the pending error. Returns fallback on error.
template <typename R, typename F>
R guard(R fallback, F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    g_error = {true, e.codeName(), e.detail()};
  } catch (const std::bad_alloc&) {
    g_error = {true, "OUT_OF_MEMORY", "not enough memory for this operation"};
  } catch (const std::exception& e) {
    g_error = {true, "INTERNAL", e.what()};
  } catch (...) {
    g_error = {true, "INTERNAL", "unknown exception"};
  }
  return fallback;
}

}  // namespace pathwise

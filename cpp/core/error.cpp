// Implementation of pathwise::Error and the code-name table.
#include "core/error.h"

namespace pathwise {

const char* errorCodeName(ErrorCode code) {
  switch (code) {
#define PATHWISE_NAME_CASE(name) \
  case ErrorCode::name:          \
    return #name;
    PATHWISE_ERROR_CODES(PATHWISE_NAME_CASE)
#undef PATHWISE_NAME_CASE
  }
  return "INTERNAL";
}

std::vector<std::string> allErrorCodeNames() {
  return {
#define PATHWISE_NAME_ITEM(name) #name,
      PATHWISE_ERROR_CODES(PATHWISE_NAME_ITEM)
#undef PATHWISE_NAME_ITEM
  };
}

Error::Error(ErrorCode code, const std::string& message)
    : std::runtime_error(std::string(errorCodeName(code)) + ": " + message), code_(code), detail_(message) {}

}  // namespace pathwise

// libFuzzer's driver, for a target that has its own `main` (SwiftPM links every executable's
// `main` from its module, so libFuzzer's `main` is not used).
#ifndef C_LIB_FUZZER_H
#define C_LIB_FUZZER_H
#include <stddef.h>
#include <stdint.h>

/// Parses libFuzzer's flags from argc/argv and runs `UserCb` on every input (compiler-rt's
/// FuzzerInterface.h).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif

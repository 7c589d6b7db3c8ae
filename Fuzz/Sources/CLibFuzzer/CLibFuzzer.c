// The declaration in include/CLibFuzzer.h is the whole of this module; the definition is in
// the fuzzer runtime that `-sanitize=fuzzer` links.
#include "CLibFuzzer.h"

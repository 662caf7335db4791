#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver, run from a program's own `main` (libFuzzer >= 11). The
/// fuzz executables call it because SwiftPM links every executable with
/// `main` aliased to `<Module>_main`, so libFuzzer's own `main` cannot be used.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif

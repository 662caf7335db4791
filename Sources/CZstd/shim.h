// Debian's libzstd-dev (installed by scripts/setup.sh): the data mover's compression.
#include <zstd.h>

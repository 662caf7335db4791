#ifndef CRE2SHIM_H
#define CRE2SHIM_H

// A C face for RE2, so Swift can use Google's linear-time regex engine (the one
// Go's regexp package was ported from) without C++ interop.

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A compiled RE2 program. Matching is thread-safe (RE2 objects are const after compile).
typedef struct cre2shim_regex cre2shim_regex;

/// Compiles `pattern` (UTF-8, `length` bytes) with Go's defaults: leftmost-first
/// (Perl) semantics, UTF-8, no case folding, `.` not matching `\n`.
/// Returns NULL on failure and stores a malloc'd message in `*error` (free with
/// cre2shim_free_string).
cre2shim_regex *cre2shim_compile(const char *pattern, size_t length, char **error);

void cre2shim_release(cre2shim_regex *re);

void cre2shim_free_string(char *s);

/// Number of capturing groups (not counting the whole match).
int cre2shim_group_count(const cre2shim_regex *re);

/// The name of capturing group `index` (1-based), or NULL when unnamed. The pointer
/// lives as long as `re`.
const char *cre2shim_group_name(const cre2shim_regex *re, int index);

/// Finds the leftmost-first match in text[0..<length] that starts at or after `start`
/// (text before `start` is context for `^`, `\b`). On success returns 1 and writes
/// 2 * (group_count + 1) byte offsets into `offsets` (pairs of begin/end, -1 for a
/// group that did not take part). Returns 0 when there is no match.
int cre2shim_match(const cre2shim_regex *re, const char *text, size_t length, size_t start,
                   int64_t *offsets, int offset_count);

#ifdef __cplusplus
}
#endif

#endif

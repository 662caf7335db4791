// Wraps RE2 (Debian libre2-dev) in the C API of include/cre2shim.h.
#include "cre2shim.h"

#include <re2/re2.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <new>
#include <string>
#include <vector>

struct cre2shim_regex {
    RE2 *re;
    std::vector<std::string> names;  // by group index; "" when unnamed
};

static char *copy_string(const std::string &s) {
    char *out = static_cast<char *>(std::malloc(s.size() + 1));
    if (out == nullptr) return nullptr;
    std::memcpy(out, s.data(), s.size());
    out[s.size()] = 0;
    return out;
}

extern "C" cre2shim_regex *cre2shim_compile(const char *pattern, size_t length, char **error) {
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_longest_match(false);  // leftmost-first, as Go's regexp.Compile
    options.set_posix_syntax(false);   // Perl classes, \b, non-greedy: Go's syntax
    options.set_log_errors(false);
    options.set_max_mem(64 << 20);
    RE2 *re = new (std::nothrow) RE2(re2::StringPiece(pattern, length), options);
    if (re == nullptr) {
        if (error) *error = copy_string("out of memory");
        return nullptr;
    }
    if (!re->ok()) {
        if (error) *error = copy_string(re->error());
        delete re;
        return nullptr;
    }
    cre2shim_regex *out = new (std::nothrow) cre2shim_regex;
    if (out == nullptr) {
        delete re;
        if (error) *error = copy_string("out of memory");
        return nullptr;
    }
    out->re = re;
    out->names.assign(static_cast<size_t>(re->NumberOfCapturingGroups()) + 1, std::string());
    for (const auto &entry : re->CapturingGroupNames()) {
        if (entry.first >= 0 && static_cast<size_t>(entry.first) < out->names.size()) {
            out->names[static_cast<size_t>(entry.first)] = entry.second;
        }
    }
    return out;
}

extern "C" void cre2shim_release(cre2shim_regex *re) {
    if (re == nullptr) return;
    delete re->re;
    delete re;
}

extern "C" void cre2shim_free_string(char *s) { std::free(s); }

extern "C" int cre2shim_group_count(const cre2shim_regex *re) { return re->re->NumberOfCapturingGroups(); }

extern "C" const char *cre2shim_group_name(const cre2shim_regex *re, int index) {
    if (index < 0 || static_cast<size_t>(index) >= re->names.size()) return nullptr;
    const std::string &name = re->names[static_cast<size_t>(index)];
    return name.empty() ? nullptr : name.c_str();
}

extern "C" int cre2shim_match(const cre2shim_regex *re, const char *text, size_t length, size_t start,
                              int64_t *offsets, int offset_count) {
    if (start > length) return 0;
    int groups = re->re->NumberOfCapturingGroups() + 1;
    if (offset_count < 2 * groups) groups = offset_count / 2;
    if (groups < 1) groups = 1;
    std::vector<re2::StringPiece> found(static_cast<size_t>(groups));
    re2::StringPiece input(text, length);
    if (!re->re->Match(input, start, length, RE2::UNANCHORED, found.data(), groups)) return 0;
    for (int i = 0; i < groups && 2 * i + 1 < offset_count; i++) {
        const re2::StringPiece &g = found[static_cast<size_t>(i)];
        if (g.data() == nullptr) {
            offsets[2 * i] = -1;
            offsets[2 * i + 1] = -1;
        } else {
            offsets[2 * i] = static_cast<int64_t>(g.data() - text);
            offsets[2 * i + 1] = static_cast<int64_t>(g.data() - text + g.size());
        }
    }
    return 1;
}

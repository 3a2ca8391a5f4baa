// Small text utilities shared by every module: UTF-8 checks, trimming, case, hashing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dossier::text {

/// Byte offset of the first invalid UTF-8 sequence, or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

/// `s` without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

/// ASCII lower-casing (enough for keys, flags and labels).
std::string ascii_lower(std::string_view s);

/// True for a Unicode space separator or ASCII whitespace at `s[pos]`: returns its length in bytes
/// (1 for ASCII, 2-3 for NBSP U+00A0, U+2000-U+200A, U+202F, U+205F, U+3000), else 0.
/// Briefings pad "blank" lines with NBSP, so ASCII-only checks would glue paragraphs together.
std::size_t space_length(std::string_view s, std::size_t pos);

/// `s` without leading and trailing whitespace, Unicode spaces included (see space_length).
std::string_view trim_spaces(std::string_view s);

/// True when `s` holds nothing but whitespace, Unicode spaces included.
bool is_blank(std::string_view s);

/// True when `a` and `b` are equal ignoring ASCII case.
bool iequals(std::string_view a, std::string_view b);

/// Whitespace runs (including newlines) folded to one space, ends trimmed: for display.
std::string fold_whitespace(std::string_view s);

/// 64-bit FNV-1a, printed as 16 hex digits: stable content hashes for incremental builds.
std::string hash_hex(std::string_view data);
std::uint64_t hash64(std::string_view data);

}  // namespace dossier::text

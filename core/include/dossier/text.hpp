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

/// Whitespace runs (including newlines) folded to one space, ends trimmed: for display.
std::string fold_whitespace(std::string_view s);

/// 64-bit FNV-1a, printed as 16 hex digits: stable content hashes for incremental builds.
std::string hash_hex(std::string_view data);
std::uint64_t hash64(std::string_view data);

}  // namespace dossier::text

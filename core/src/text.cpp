// Small text utilities shared by every module: UTF-8 checks, trimming, case, hashing.
#include "dossier/text.hpp"

#include <fmt/format.h>

namespace dossier::text {

namespace {

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

unsigned char byte_at(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]);
}

bool is_continuation(std::string_view s, std::size_t i) {
    return i < s.size() && (byte_at(s, i) & 0xC0) == 0x80;
}

}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const unsigned char c = byte_at(s, i);
        if (c < 0x80) {
            ++i;
            continue;
        }
        // Strict RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF. The second
        // byte's allowed range depends on the lead byte; the rest are plain continuations.
        std::size_t len = 0;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return i;
        }
        if (i + 1 >= n || byte_at(s, i + 1) < lo || byte_at(s, i + 1) > hi) return i;
        for (std::size_t k = 2; k < len; ++k) {
            if (!is_continuation(s, i + k)) return i;
        }
        i += len;
    }
    return std::nullopt;
}

std::string_view trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && is_ascii_space(s[b])) ++b;
    while (e > b && is_ascii_space(s[e - 1])) --e;
    return s.substr(b, e - b);
}

std::size_t space_length(std::string_view s, std::size_t pos) {
    if (pos >= s.size()) return 0;
    const unsigned char c = byte_at(s, pos);
    if (c < 0x80) return is_ascii_space(static_cast<char>(c)) ? 1 : 0;
    if (c == 0xC2 && pos + 1 < s.size() && byte_at(s, pos + 1) == 0xA0) return 2;  // U+00A0
    if (pos + 2 >= s.size()) return 0;
    const unsigned char c1 = byte_at(s, pos + 1), c2 = byte_at(s, pos + 2);
    if (c == 0xE2 && c1 == 0x80 && (c2 <= 0x8A || c2 == 0xAF)) return 3;  // U+2000-200A, 202F
    if (c == 0xE2 && c1 == 0x81 && c2 == 0x9F) return 3;                  // U+205F
    if (c == 0xE3 && c1 == 0x80 && c2 == 0x80) return 3;                  // U+3000
    return 0;
}

std::string_view trim_spaces(std::string_view s) {
    std::size_t b = 0;
    while (std::size_t len = space_length(s, b)) b += len;
    std::size_t e = s.size();
    while (e > b) {
        // A space ends at `e`: ASCII (1 byte), NBSP (2) or a 3-byte separator.
        if (is_ascii_space(s[e - 1])) {
            --e;
        } else if (e >= b + 2 && space_length(s, e - 2) == 2) {
            e -= 2;
        } else if (e >= b + 3 && space_length(s, e - 3) == 3) {
            e -= 3;
        } else {
            break;
        }
    }
    return s.substr(b, e - b);
}

bool is_blank(std::string_view s) {
    return trim_spaces(s).empty();
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string fold_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (char c : trim(s)) {
        if (is_ascii_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::uint64_t hash64(std::string_view data) {
    std::uint64_t h = 14695981039346656037ull;  // FNV-1a 64-bit offset basis
    for (char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;  // FNV-1a 64-bit prime
    }
    return h;
}

std::string hash_hex(std::string_view data) {
    return fmt::format("{:016x}", hash64(data));
}

}  // namespace dossier::text

// Reading input files into articles: format detection, metadata headers, dates, bad-input checks.
#include "dossier/ingest.hpp"

#include <array>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "dossier/errors.hpp"
#include "dossier/text.hpp"

namespace dossier {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view undated_warning = "no date: indexed as undated";

// Metadata as read from a header, front matter or JSON record, keys lower-cased.
using Metadata = std::map<std::string, std::string>;

bool is_blank_char(char c) {
    return c == ' ' || c == '\t';
}

// One line of `s` starting at `pos`: [pos, eol) without the '\n' nor a '\r' before it; `next` is
// where the following line starts (s.size() at the end).
struct Line {
    std::string_view text;
    std::size_t begin = 0;
    std::size_t next = 0;
};

Line line_at(std::string_view s, std::size_t pos) {
    std::size_t eol = s.find('\n', pos);
    const std::size_t next = eol == std::string_view::npos ? s.size() : eol + 1;
    if (eol == std::string_view::npos) eol = s.size();
    std::string_view t = s.substr(pos, eol - pos);
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    return {t, pos, next};
}

// The rules every format shares: refuse what cannot be text before any parsing.
void check_bytes(std::string_view bytes, const std::string& name, const IngestLimits& limits) {
    if (bytes.size() > limits.max_file_bytes) {
        throw InputError(name, fmt::format("file is larger than {} bytes ({} bytes)",
                                           limits.max_file_bytes, bytes.size()));
    }
    std::string_view body = bytes;
    if (body.substr(0, utf8_bom.size()) == utf8_bom) body.remove_prefix(utf8_bom.size());
    if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
        throw InputError(name, fmt::format("binary file (NUL byte at {})", nul));
    }
    if (const auto bad = text::find_invalid_utf8(bytes)) {
        throw InputError(name, fmt::format("invalid UTF-8 at byte {}", *bad));
    }
    if (text::is_blank(body)) {
        throw InputError(name, bytes.empty() ? "empty file" : "empty file (only whitespace)");
    }
    std::size_t pos = 0, line = 1;
    while (pos <= bytes.size()) {
        std::size_t eol = bytes.find('\n', pos);
        if (eol == std::string_view::npos) eol = bytes.size();
        if (eol - pos > limits.max_line_bytes) {
            throw InputError(
                name, fmt::format("line {} is longer than {} bytes", line, limits.max_line_bytes));
        }
        pos = eol + 1;
        ++line;
    }
}

// --- dates -----------------------------------------------------------------------------------

// "2018-01-19 12:00:00 +0800" or "2025-03-13T10:00:00Z": YAML timestamps carry a time we drop.
std::optional<Date> parse_metadata_date(std::string_view value) {
    if (auto date = parse_date(value)) return date;
    const std::string_view v = text::trim_spaces(value);
    if (v.size() > 10 && (v[10] == ' ' || v[10] == 'T')) return parse_date(v.substr(0, 10));
    return std::nullopt;
}

// "04/20/2026" as CRS writes its publication dates (US order, only in that header).
std::optional<Date> parse_us_date(std::string_view value) {
    const std::string_view v = text::trim_spaces(value);
    if (v.size() != 10 || v[2] != '/' || v[5] != '/') return std::nullopt;
    return parse_date(fmt::format("{}-{}-{}", v.substr(6, 4), v.substr(0, 2), v.substr(3, 2)));
}

void set_date(Article& article, std::optional<std::string_view> value,
              std::vector<std::string>& warnings, std::string_view where = "") {
    if (!value) {
        warnings.push_back(fmt::format("{}{}", where, undated_warning));
        return;
    }
    article.date = parse_metadata_date(*value);
    if (!article.date) {
        warnings.push_back(fmt::format("{}invalid date '{}': indexed as undated", where,
                                       text::trim_spaces(*value)));
    }
}

// --- metadata --------------------------------------------------------------------------------

// Host of an URL without "www.": the publisher when the metadata names none.
std::string url_host(std::string_view url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string_view::npos) return {};
    std::string_view rest = url.substr(scheme + 3);
    rest = rest.substr(0, rest.find_first_of("/?#:"));
    if (rest.substr(0, 4) == "www.") rest.remove_prefix(4);
    return text::ascii_lower(rest);
}

std::string first_of(const Metadata& meta, std::initializer_list<std::string_view> keys) {
    for (std::string_view key : keys) {
        const auto it = meta.find(std::string(key));
        if (it != meta.end() && !text::is_blank(it->second)) {
            return std::string(text::trim_spaces(it->second));
        }
    }
    return {};
}

void apply_metadata(Article& article, const Metadata& meta) {
    article.title = first_of(meta, {"title"});
    article.author = first_of(meta, {"author", "authors", "author(s)"});
    article.url = first_of(meta, {"url", "source_url", "link"});
    article.publisher = first_of(meta, {"source", "publisher"});
    article.genre = first_of(meta, {"genre", "type", "tags"});
    if (article.publisher.empty()) article.publisher = url_host(article.url);
}

std::optional<std::string_view> metadata_date(const Metadata& meta) {
    const auto it = meta.find("date");
    if (it == meta.end()) return std::nullopt;
    return std::string_view(it->second);
}

// "key: value" with a key of letters, digits, '_' and '-' (blanks allowed before the colon, as
// Jekyll writes "title : ..."); false when the line is not one.
bool split_key_value(std::string_view line, std::string& key, std::string_view& value) {
    std::size_t i = 0;
    while (i < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == '-' ||
            line[i] == '(' || line[i] == ')')) {
        ++i;
    }
    if (i == 0 || !std::isalpha(static_cast<unsigned char>(line[0]))) return false;
    std::size_t colon = i;
    while (colon < line.size() && is_blank_char(line[colon])) ++colon;
    if (colon >= line.size() || line[colon] != ':') return false;
    if (colon + 1 < line.size() && !is_blank_char(line[colon + 1])) return false;  // "http://"
    key = text::ascii_lower(line.substr(0, i));
    value = text::trim(line.substr(colon + 1));
    return true;
}

constexpr std::array<std::string_view, 8> header_keys = {"title",  "date", "source", "url",
                                                         "author", "type", "genre",  "tags"};

bool is_header_key(std::string_view key) {
    for (std::string_view k : header_keys) {
        if (k == key) return true;
    }
    return false;
}

// --- YAML front matter -----------------------------------------------------------------------

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::optional<std::uint32_t> parse_hex(std::string_view s) {
    std::uint32_t v = 0;
    for (char c : s) {
        v <<= 4;
        if (c >= '0' && c <= '9') {
            v |= static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            v |= static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            v |= static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
    }
    return v;
}

// A line break inside a quoted scalar: YAML folds it to one space, or to '\n' per empty line.
// `i` is at the '\n'; returns where the content of the next non-empty line starts.
std::size_t fold_line_break(std::string_view s, std::size_t i, std::string& out) {
    while (!out.empty() && (is_blank_char(out.back()) || out.back() == '\r')) out.pop_back();
    std::size_t breaks = 0;
    while (i < s.size() && s[i] == '\n') {
        ++i;
        ++breaks;
        while (i < s.size() && (is_blank_char(s[i]) || s[i] == '\r')) ++i;
    }
    if (breaks == 1) {
        out += ' ';
    } else {
        out.append(breaks - 1, '\n');
    }
    return i;
}

// What a one-character YAML escape (`\n`, `\_`...) stands for; nullopt for \x, \u, \U, line
// breaks and unknown escapes, which the caller handles.
std::optional<std::string_view> yaml_escape(char e) {
    using namespace std::string_view_literals;
    static constexpr std::pair<char, std::string_view> table[] = {
        {'0', "\0"sv},     {'a', "\a"sv},     {'b', "\b"sv},     {'t', "\t"sv},  {'\t', "\t"sv},
        {'n', "\n"sv},     {'v', "\v"sv},     {'f', "\f"sv},     {'r', "\r"sv},  {'e', "\x1B"sv},
        {' ', " "sv},      {'"', "\""sv},     {'/', "/"sv},      {'\\', "\\"sv}, {'N', "\u0085"sv},
        {'_', "\u00A0"sv}, {'L', "\u2028"sv}, {'P', "\u2029"sv},
    };
    for (const auto& [key, value] : table) {
        if (key == e) return value;
    }
    return std::nullopt;
}

// Double-quoted scalar starting after the opening quote at `i`; `i` ends after the closing one.
std::string parse_double_quoted(std::string_view s, std::size_t& i, bool& closed) {
    std::string out;
    closed = false;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            ++i;
            closed = true;
            return out;
        }
        if (c == '\n') {
            i = fold_line_break(s, i, out);
            continue;
        }
        if (c != '\\' || i + 1 >= s.size()) {
            out += c;
            ++i;
            continue;
        }
        const char e = s[i + 1];
        i += 2;
        if (const auto replacement = yaml_escape(e)) {
            out += *replacement;
            continue;
        }
        const std::size_t hex_digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
        if (e == '\r' || e == '\n') {
            // Escaped line break: the lines join with nothing between them.
            if (e == '\r' && i < s.size() && s[i] == '\n') ++i;
            while (i < s.size() && (is_blank_char(s[i]) || s[i] == '\r' || s[i] == '\n')) ++i;
            continue;
        }
        if (hex_digits == 0) {  // not a YAML escape: keep it as written
            out += '\\';
            out += e;
            continue;
        }
        auto cp = parse_hex(s.substr(i, hex_digits));
        if (!cp || i + hex_digits > s.size()) {
            out += '\\';
            out += e;
            continue;
        }
        i += hex_digits;
        // A UTF-16 surrogate pair written as two \u escapes (JSON habit) makes one character.
        if (*cp >= 0xD800 && *cp <= 0xDBFF && s.substr(i, 2) == "\\u") {
            if (auto low = parse_hex(s.substr(i + 2, 4)); low && *low >= 0xDC00 && *low <= 0xDFFF) {
                cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
                i += 6;
            }
        }
        append_utf8(out, *cp);
    }
    return out;
}

// Single-quoted scalar: '' is a quote, line breaks fold, nothing else is special.
std::string parse_single_quoted(std::string_view s, std::size_t& i, bool& closed) {
    std::string out;
    closed = false;
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\'') {
            if (i + 1 < s.size() && s[i + 1] == '\'') {
                out += '\'';
                i += 2;
                continue;
            }
            ++i;
            closed = true;
            return out;
        }
        if (c == '\n') {
            i = fold_line_break(s, i, out);
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

// A plain (unquoted) scalar without its trailing " # comment".
std::string_view strip_comment(std::string_view v) {
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] == '#' && is_blank_char(v[i - 1])) return text::trim(v.substr(0, i));
    }
    return text::trim(v);
}

std::string unquote_item(std::string_view item) {
    item = text::trim(item);
    bool closed = false;
    std::size_t i = 1;
    if (!item.empty() && item[0] == '"') return parse_double_quoted(item, i, closed);
    if (!item.empty() && item[0] == '\'') return parse_single_quoted(item, i, closed);
    return std::string(item);
}

bool is_indented(std::string_view line) {
    return !line.empty() && is_blank_char(line[0]);
}

// The subset of YAML that article front matter uses: a flat mapping of scalars (plain, single-
// or double-quoted, folded over lines, block `|`/`>`) and lists (`[a, b]` or `- a` items, joined
// with ", "). Nested mappings are skipped. `fm` is the text between the two `---` lines.
Metadata parse_front_matter(std::string_view fm, std::vector<std::string>& warnings) {
    Metadata meta;
    std::size_t pos = 0;
    while (pos < fm.size()) {
        const Line line = line_at(fm, pos);
        pos = line.next;
        std::string key;
        std::string_view value;
        if (text::is_blank(line.text) || line.text[0] == '#' || is_indented(line.text) ||
            !split_key_value(line.text, key, value)) {
            continue;
        }
        std::string result;
        if (!value.empty() && (value[0] == '"' || value[0] == '\'')) {
            // Quoted scalars may run over several lines: parse from the quote in `fm` itself.
            std::size_t i = static_cast<std::size_t>(value.data() - fm.data()) + 1;
            bool closed = false;
            result = value[0] == '"' ? parse_double_quoted(fm, i, closed)
                                     : parse_single_quoted(fm, i, closed);
            if (!closed) {
                warnings.push_back(fmt::format("front matter: '{}' has no closing quote", key));
            }
            pos = line_at(fm, std::min(i, fm.size())).next;
        } else if (!value.empty() && value[0] == '[') {
            const std::size_t b = static_cast<std::size_t>(value.data() - fm.data()) + 1;
            std::size_t e = fm.find(']', b);
            if (e == std::string_view::npos) e = fm.size();
            std::string_view items = fm.substr(b, e - b);
            for (std::size_t start = 0; start <= items.size();) {
                std::size_t comma = items.find(',', start);
                if (comma == std::string_view::npos) comma = items.size();
                const std::string item =
                    unquote_item(text::trim(items.substr(start, comma - start)));
                if (!text::is_blank(item)) result += (result.empty() ? "" : ", ") + item;
                start = comma + 1;
            }
            pos = line_at(fm, std::min(e, fm.size())).next;
        } else if (!value.empty() && (value[0] == '|' || value[0] == '>')) {
            const bool literal = value[0] == '|';
            std::size_t indent = std::string_view::npos;
            while (pos < fm.size()) {
                const Line next = line_at(fm, pos);
                if (!text::is_blank(next.text) && !is_indented(next.text)) break;
                pos = next.next;
                if (text::is_blank(next.text)) {
                    if (!result.empty()) result += '\n';
                    continue;
                }
                const std::size_t first = next.text.find_first_not_of(" \t");
                if (indent == std::string_view::npos) indent = first;
                if (!result.empty() && result.back() != '\n') result += literal ? '\n' : ' ';
                result += next.text.substr(std::min(indent, first));
            }
        } else if (value.empty()) {
            // Block list ("- item" lines below the key) or a nested mapping, which we skip.
            while (pos < fm.size()) {
                const Line next = line_at(fm, pos);
                const std::string_view t = text::trim(next.text);
                const bool item =
                    t.size() >= 1 && t[0] == '-' && (t.size() == 1 || is_blank_char(t[1]));
                if (!text::is_blank(next.text) && !is_indented(next.text) && !item) break;
                pos = next.next;
                if (item) {
                    const std::string v = unquote_item(strip_comment(t.substr(1)));
                    if (!text::is_blank(v)) result += (result.empty() ? "" : ", ") + v;
                }
            }
        } else {
            // Plain scalar: more-indented lines below continue it, folded with spaces.
            result = std::string(strip_comment(value));
            while (pos < fm.size()) {
                const Line next = line_at(fm, pos);
                if (text::is_blank(next.text) || !is_indented(next.text)) break;
                result += ' ';
                result += strip_comment(next.text);
                pos = next.next;
            }
        }
        meta[key] = std::move(result);
    }
    return meta;
}

// --- formats ---------------------------------------------------------------------------------

Article new_article(std::string_view relative_name, std::string_view bytes, std::size_t body) {
    Article a;
    a.id = std::string(relative_name);
    a.source = a.id;
    a.text = std::string(bytes.substr(body));
    a.text_offset = body;
    return a;
}

std::size_t skip_blanks(std::string_view s, std::size_t pos) {
    while (std::size_t len = text::space_length(s, pos)) pos += len;
    return pos;
}

// Words on one line after `pos` (blanks and commas between them): [begin, end) of each.
std::vector<std::pair<std::size_t, std::size_t>> words_on_line(std::string_view s, std::size_t pos,
                                                               std::size_t max_words) {
    std::vector<std::pair<std::size_t, std::size_t>> words;
    while (words.size() < max_words) {
        while (pos < s.size() && (is_blank_char(s[pos]) || s[pos] == ',')) ++pos;
        const std::size_t b = pos;
        while (pos < s.size() && !is_blank_char(s[pos]) && s[pos] != ',' && s[pos] != '\n' &&
               s[pos] != '\r') {
            ++pos;
        }
        if (pos == b) break;
        words.emplace_back(b, pos);
    }
    return words;
}

bool looks_like_date_word(std::string_view w) {
    if (w.empty()) return false;
    if (w[0] >= '0' && w[0] <= '9') return true;
    return parse_date(fmt::format("{} 2000", w)).has_value();  // a month name
}

// Plain text: a `key: value` header block, or the seed's `date YYYY-MM-DD` line, then the body.
FileContents parse_text(std::string_view bytes, std::size_t start, std::string_view name) {
    FileContents out;
    const std::size_t first = skip_blanks(bytes, start);
    const Line line = line_at(bytes, first);
    std::string key;
    std::string_view value;
    if (split_key_value(line.text, key, value) && is_header_key(key)) {
        Metadata meta;
        std::string* last = nullptr;
        std::size_t pos = first;
        while (pos < bytes.size()) {
            const Line l = line_at(bytes, pos);
            if (text::is_blank(l.text)) {
                pos = l.next;
                break;
            }
            if (split_key_value(l.text, key, value)) {
                last = &meta[key];
                *last = std::string(value);
            } else if (is_indented(l.text) && last != nullptr) {
                *last += ' ';
                *last += text::trim(l.text);
            } else {
                break;  // the body starts without a blank line after the header
            }
            pos = l.next;
        }
        Article a = new_article(name, bytes, skip_blanks(bytes, pos));
        apply_metadata(a, meta);
        set_date(a, metadata_date(meta), out.warnings);
        out.articles.push_back(std::move(a));
        return out;
    }

    // Seed format: "date 2026-01-24 The Pentagon..." (the body may follow on the same line).
    std::size_t body = first;
    std::optional<std::string_view> date_text;
    if (bytes.substr(first, 4) == "date" || bytes.substr(first, 4) == "Date") {
        const auto words = words_on_line(bytes, first + 4, 3);
        const bool spaced = first + 4 < bytes.size() && is_blank_char(bytes[first + 4]);
        if (spaced && !words.empty() &&
            looks_like_date_word(bytes.substr(words[0].first, words[0].second - words[0].first))) {
            // Longest run of words that is a date: "24 January 2026" before "2026".
            std::size_t used = 0;
            for (std::size_t n = words.size(); n >= 1 && used == 0; --n) {
                const auto span =
                    bytes.substr(words[0].first, words[n - 1].second - words[0].first);
                if (parse_date(span)) used = n;
            }
            if (used == 0) {
                // An impossible date: report the words that were meant to be one.
                const bool numeric = bytes[words[0].first] >= '0' && bytes[words[0].first] <= '9';
                const bool month_next =
                    words.size() > 1 &&
                    looks_like_date_word(
                        bytes.substr(words[1].first, words[1].second - words[1].first)) &&
                    !(bytes[words[1].first] >= '0' && bytes[words[1].first] <= '9');
                used = numeric && !month_next ? 1 : words.size();
            }
            date_text = bytes.substr(words[0].first, words[used - 1].second - words[0].first);
            body = skip_blanks(bytes, words[used - 1].second);
        }
    }
    Article a = new_article(name, bytes, body);
    set_date(a, date_text, out.warnings);
    out.articles.push_back(std::move(a));
    return out;
}

// CRS reports open with "# Title" and "**Publication Date:** 04/20/2026" lines and repeat them in a
// "| **Authors:** | ..." table below; there is no front matter. The first value of each key wins.
void read_markdown_header(std::string_view bytes, std::size_t start, Metadata& meta,
                          std::optional<std::string>& us_date) {
    constexpr int header_lines = 40;
    std::size_t pos = start;
    for (int n = 0; n < header_lines && pos < bytes.size(); ++n) {
        const Line l = line_at(bytes, pos);
        pos = l.next;
        std::string_view t = text::trim(l.text);
        if (t.substr(0, 2) == "# " && !meta.count("title")) {
            meta["title"] = std::string(text::trim(t.substr(2)));
            continue;
        }
        if (t.substr(0, 1) == "|") t = text::trim(t.substr(1));
        if (t.substr(0, 2) != "**") continue;
        const std::size_t close = t.find(":**", 2);
        if (close == std::string_view::npos) continue;
        const std::string key = text::ascii_lower(text::trim(t.substr(2, close - 2)));
        std::string_view value = text::trim(t.substr(close + 3));
        if (value.substr(0, 1) == "|") value = text::trim(value.substr(1));
        if (value.empty()) continue;
        auto set = [&](const char* k) { meta.emplace(k, std::string(value)); };
        if ((key == "publication date" || key == "date") && !us_date) {
            us_date = std::string(value);
        } else if (key == "author(s)" || key == "authors" || key == "author") {
            set("author");
        } else if (key == "source" && value.substr(0, 4) == "http") {
            set("url");
        } else if (key == "product type" || key == "crs product type") {
            set("type");
        }
    }
}

FileContents parse_markdown(std::string_view bytes, std::size_t start, std::string_view name) {
    FileContents out;
    const Line opening = line_at(bytes, start);
    if (text::trim(opening.text) == "---") {
        for (std::size_t pos = opening.next; pos < bytes.size();) {
            const Line l = line_at(bytes, pos);
            const std::string_view t = text::trim(l.text);
            if (t == "---" || t == "...") {
                const std::string_view fm = bytes.substr(opening.next, l.begin - opening.next);
                const Metadata meta = parse_front_matter(fm, out.warnings);
                Article a = new_article(name, bytes, l.next);
                apply_metadata(a, meta);
                set_date(a, metadata_date(meta), out.warnings);
                out.articles.push_back(std::move(a));
                return out;
            }
            pos = l.next;
        }
        out.warnings.push_back("front matter has no closing '---': read as plain Markdown");
    }
    Metadata meta;
    std::optional<std::string> us_date;
    read_markdown_header(bytes, start, meta, us_date);
    Article a = new_article(name, bytes, start);
    apply_metadata(a, meta);
    if (us_date) {
        if (auto d = parse_us_date(*us_date)) {
            a.date = d;
        } else {
            set_date(a, *us_date, out.warnings);
        }
    } else {
        set_date(a, std::nullopt, out.warnings);
    }
    out.articles.push_back(std::move(a));
    return out;
}

// A JSON value as metadata text: strings as they are, numbers printed, lists joined. Lists
// nested deeper than `depth` are dropped: a line of a million '[' must not exhaust the stack.
std::string json_text(const nlohmann::json& v, int depth = 4) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return v.dump();
    if (v.is_array() && depth > 0) {
        std::string out;
        for (const auto& item : v) {
            const std::string s = json_text(item, depth - 1);
            if (!s.empty()) out += (out.empty() ? "" : ", ") + s;
        }
        return out;
    }
    return {};
}

// "parse error at line 1, column 9: syntax error ..." without nlohmann's "[json.exception...]".
std::string json_reason(const std::exception& e) {
    std::string_view what = e.what();
    if (const std::size_t close = what.find("] ");
        what.substr(0, 1) == "[" && close != std::string_view::npos) {
        what.remove_prefix(close + 2);
    }
    std::string reason(what);
    if (const std::size_t at = reason.find(" at line 1, column "); at != std::string::npos) {
        reason.replace(at, 19, " at column ");
    }
    return reason;
}

FileContents parse_jsonl(std::string_view bytes, std::size_t start) {
    FileContents out;
    std::set<std::string> seen;
    std::size_t number = 0;
    for (std::size_t pos = start; pos < bytes.size();) {
        const Line line = line_at(bytes, pos);
        pos = line.next;
        ++number;
        if (text::is_blank(line.text)) continue;
        const std::string where = fmt::format("line {}: ", number);
        nlohmann::json record;
        try {
            record = nlohmann::json::parse(line.text);
        } catch (const nlohmann::json::exception& e) {
            out.warnings.push_back(
                fmt::format("{}invalid JSON ({}), skipped", where, json_reason(e)));
            continue;
        }
        if (!record.is_object()) {
            out.warnings.push_back(where + "not a JSON object, skipped");
            continue;
        }
        const auto id_it = record.find("id");
        std::string id;
        if (id_it != record.end() &&
            (id_it->is_string() || id_it->is_number_integer() || id_it->is_number_unsigned())) {
            id = std::string(text::trim(json_text(*id_it)));
        }
        if (id.empty()) {
            out.warnings.push_back(where + "no 'id', skipped");
            continue;
        }
        if (seen.count(id)) {
            out.warnings.push_back(fmt::format("{}duplicate id '{}', skipped", where, id));
            continue;
        }
        const auto text_it = record.find("text");
        if (text_it == record.end() || !text_it->is_string() ||
            text::is_blank(text_it->get_ref<const std::string&>())) {
            out.warnings.push_back(fmt::format("{}record '{}' has no 'text', skipped", where, id));
            continue;
        }
        seen.insert(id);
        Metadata meta;
        for (const auto& [key, value] : record.items()) {
            if (key != "text" && key != "id") meta[text::ascii_lower(key)] = json_text(value);
        }
        Article a;
        a.id = id;
        a.source = id;
        a.text = text_it->get<std::string>();
        a.text_offset = 0;
        apply_metadata(a, meta);
        // A SOTU-style record may carry a number (1790) or a `year` instead of a date string.
        const auto date_it =
            record.find("date") != record.end() ? record.find("date") : record.find("year");
        if (date_it == record.end() || date_it->is_null()) {
            set_date(a, std::nullopt, out.warnings, where);
        } else {
            const std::string date_value = json_text(*date_it);
            set_date(a, std::string_view(date_value), out.warnings, where);
        }
        out.articles.push_back(std::move(a));
    }
    return out;
}

}  // namespace

InputFormat detect_format(const std::filesystem::path& file) {
    const std::string ext = text::ascii_lower(file.extension().string());
    if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::jsonl;
    if (ext == ".md" || ext == ".markdown") return InputFormat::markdown;
    return InputFormat::text;
}

FileContents read_file(const std::filesystem::path& file, std::string_view relative_name,
                       const IngestLimits& limits) {
    const std::string name(relative_name);
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (ec || !fs::exists(status)) {
        throw InputError(name, "cannot read: " + (ec ? ec.message() : "no such file"));
    }
    if (!fs::is_regular_file(status)) throw InputError(name, "cannot read: not a regular file");
    const auto size = fs::file_size(file, ec);
    if (ec) throw InputError(name, "cannot read: " + ec.message());
    // Sizes first: a 200 MB file is refused without reading a byte of it.
    if (size > limits.max_file_bytes) {
        throw InputError(name, fmt::format("file is larger than {} bytes ({} bytes)",
                                           limits.max_file_bytes, size));
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(name, fmt::format("cannot read: {}", std::strerror(errno)));

    // Read in chunks and watch line lengths as we go: a huge single line stops the read early.
    std::string bytes;
    bytes.reserve(static_cast<std::size_t>(size));
    std::string chunk(1u << 20, '\0');
    std::size_t line_length = 0, line = 1;
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (got == 0) break;
        const std::string_view piece(chunk.data(), got);
        for (std::size_t pos = 0; pos < got;) {
            const std::size_t eol = piece.find('\n', pos);
            const std::size_t end = eol == std::string_view::npos ? got : eol;
            line_length += end - pos;
            if (line_length > limits.max_line_bytes) {
                throw InputError(name, fmt::format("line {} is longer than {} bytes", line,
                                                   limits.max_line_bytes));
            }
            if (eol == std::string_view::npos) break;
            line_length = 0;
            ++line;
            pos = eol + 1;
        }
        bytes.append(piece);
        if (bytes.size() > limits.max_file_bytes) {  // the file grew while we read it
            throw InputError(name,
                             fmt::format("file is larger than {} bytes", limits.max_file_bytes));
        }
    }
    if (in.bad()) throw InputError(name, fmt::format("cannot read: {}", std::strerror(errno)));
    return parse_contents(bytes, relative_name, detect_format(file), limits);
}

FileContents parse_contents(std::string_view bytes, std::string_view relative_name,
                            InputFormat format, const IngestLimits& limits) {
    check_bytes(bytes, std::string(relative_name), limits);
    const std::size_t start = bytes.substr(0, utf8_bom.size()) == utf8_bom ? utf8_bom.size() : 0;
    switch (format) {
        case InputFormat::jsonl:
            return parse_jsonl(bytes, start);
        case InputFormat::markdown:
            return parse_markdown(bytes, start, relative_name);
        case InputFormat::text:
            break;
    }
    return parse_text(bytes, start, relative_name);
}

}  // namespace dossier

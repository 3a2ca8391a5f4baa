// Reading input files into articles: format detection, metadata headers, dates, bad-input checks.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/date.hpp"

namespace dossier {

/// One article, as read from a file (or one JSON Lines record). Passages are byte ranges of `text`.
struct Article {
    std::string id;      // stable article id: the file's relative path, or the JSONL record's `id`
    std::string source;  // where it came from: the relative path, or the JSONL record's `id`
    std::string title;
    std::string author;
    std::string url;
    std::string publisher;  // the `source:` metadata field (a newspaper...), else the URL's host
    std::string genre;      // `type`/`genre`/`tags` metadata, e.g. "speech", "press-briefings"
    std::optional<Date> date;
    std::string text;             // the body, verbatim
    std::size_t text_offset = 0;  // byte offset of `text` in the source file (0 for JSONL records)
};

/// What one file yielded: its articles, and warnings that do not stop it being indexed
/// ("no date: indexed as undated", "line 7: invalid JSON, skipped"), each without the file name.
struct FileContents {
    std::vector<Article> articles;
    std::vector<std::string> warnings;
};

struct IngestLimits {
    std::size_t max_file_bytes = 64u << 20;  // bigger files are refused, not truncated
    std::size_t max_line_bytes = 4u << 20;   // a single line longer than this is refused
};

enum class InputFormat { text, markdown, jsonl };

/// Format from the extension (.jsonl/.ndjson, .md/.markdown, anything else is text).
InputFormat detect_format(const std::filesystem::path& file);

/// Reads and parses `file`; `relative_name` becomes Article::id/source for non-JSONL files.
/// Text: a `key: value` header block (first line `title|date|source|url|author|type|genre|tags:`)
/// or the seed's `date <date>` opening, then the body. Markdown: YAML front matter, or CRS-style
/// `# Title` + `**Publication Date:** MM/DD/YYYY` lines. JSONL: one record a line; `date` may be
/// a number (a year) or missing in favour of `year`.
/// Throws InputError (naming `relative_name`) for an unreadable, empty, binary, invalid UTF-8 or
/// oversized file; smaller problems become FileContents::warnings.
FileContents read_file(const std::filesystem::path& file, std::string_view relative_name,
                       const IngestLimits& limits = {});

/// The same, on bytes already in memory (tests and fuzzers).
FileContents parse_contents(std::string_view bytes, std::string_view relative_name,
                            InputFormat format, const IngestLimits& limits = {});

}  // namespace dossier

// Cutting an article body into passages: paragraphs, headings, sentence windows.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier {

enum class PassageKind { paragraph, quote, heading };

std::string_view to_string(PassageKind kind);

/// A passage is a byte range of the article body plus where it stands in the article.
struct Passage {
    std::size_t begin = 0;  // byte offsets into Article::text, [begin, end), trimmed of blanks
    std::size_t end = 0;
    int ordinal = 0;    // 1-based position among the article's passages
    int paragraph = 0;  // 0-based paragraph it comes from (a split paragraph repeats it)
    PassageKind kind = PassageKind::paragraph;  // quotes are marked later, by the quotes module
    std::string heading;                        // text of the nearest heading above, "" when none
};

struct SegmentOptions {
    // A paragraph longer than this is split at sentence boundaries into windows of about
    // `target_bytes`; the SOTU addresses are single 50 kB lines and must not become one passage.
    std::size_t max_bytes = 1500;
    std::size_t target_bytes = 700;
};

/// Sentence boundaries as [begin, end) byte ranges of `text`. Abbreviations (U.S., Jan., Gen.,
/// No., Mr., Dr., St.) and initials do not end a sentence; a closing quote after the period
/// belongs to the sentence it closes.
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text);

/// True for a line written in capitals, which the input format makes a section heading, or a
/// Markdown `# Heading`. Not headings: speaker labels (`MR. KIRBY:  I -`), time stamps
/// (`12:33 P.M. EDT`), lines longer than 200 bytes (shouting, not a title).
bool is_heading_line(std::string_view line);

/// The speaker label a transcript paragraph opens with ("PRESIDENT YOON" for
/// `PRESIDENT YOON:  Thank you.`, "Q" for `Q  Mr. President...`), or "" when there is none.
/// The view points into `paragraph`.
std::string_view speaker_label(std::string_view paragraph);

/// The readable text of a heading line: Markdown `#` marks and `**` emphasis removed, blanks
/// folded.
std::string heading_text(std::string_view line);

/// Passages of an article body, in order, ordinals 1..n. Paragraphs are runs of non-blank lines
/// (a line of spaces, NBSP included, is blank); a single-line paragraph for which
/// is_heading_line() holds is a heading passage (Markdown `#` marks left out of its range) whose
/// heading_text() becomes `heading` of the passages below. Paragraphs with no letter or digit
/// ("* * *", "---") are dropped.
std::vector<Passage> segment(std::string_view text, const SegmentOptions& options = {});

}  // namespace dossier

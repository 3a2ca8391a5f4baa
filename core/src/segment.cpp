// Cutting an article body into passages: paragraphs, headings, sentence windows.
#include "dossier/segment.hpp"

#include <algorithm>

#include "dossier/text.hpp"

namespace dossier {

namespace {

using Range = std::pair<std::size_t, std::size_t>;

// A heading longer than this is a paragraph someone typed in capitals.
constexpr std::size_t max_heading_line_bytes = 200;

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
    return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Bytes of `s` starting at `pos` equal `what`.
bool has_at(std::string_view s, std::size_t pos, std::string_view what) {
    return s.substr(pos, what.size()) == what;
}

// Latin-1 lower-case letters (U+00DF..U+00FF, as "\xC3\x9F".."\xC3\xBF") count as lower case, so
// "CAFé" is not a line in capitals; other scripts are neutral.
bool is_lower_latin1_at(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]) == 0xC3 && i + 1 < s.size() &&
           static_cast<unsigned char>(s[i + 1]) >= 0x9F;
}

// Range `[b, e)` of `s` with blanks (Unicode spaces included) removed from both ends.
Range trimmed(std::string_view s, std::size_t b, std::size_t e) {
    const std::string_view inner = text::trim_spaces(s.substr(b, e - b));
    if (inner.empty()) return {b, b};
    const std::size_t nb = static_cast<std::size_t>(inner.data() - s.data());
    return {nb, nb + inner.size()};
}

// Length of a Markdown ATX heading marker ("## ") at the start of `line`, 0 when there is none.
std::size_t markdown_marker(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == '#') ++n;
    if (n == 0 || n > 6 || n >= line.size() || (line[n] != ' ' && line[n] != '\t')) return 0;
    if (text::is_blank(line.substr(n))) return 0;
    return n;
}

// `line` without a closing "##" sequence ("## Title ##"); "C#" keeps its '#'.
std::string_view strip_closing_hashes(std::string_view line) {
    line = text::trim_spaces(line);
    std::size_t e = line.size();
    while (e > 0 && line[e - 1] == '#') --e;
    if (e == line.size() || (e > 0 && line[e - 1] != ' ' && line[e - 1] != '\t')) return line;
    return text::trim_spaces(line.substr(0, e));
}

// "12:33 P.M. EDT", "END 4:05 A.M. KST": transcript time stamps look like capitals.
bool has_time_of_day(std::string_view line) {
    for (std::size_t i = 0; i + 3 < line.size(); ++i) {
        if (!(is_digit(line[i]) && line[i + 1] == ':' && is_digit(line[i + 2]) &&
              is_digit(line[i + 3]))) {
            continue;
        }
        std::size_t j = i + 4;
        while (j < line.size() && line[j] == ' ') ++j;
        if (j + 1 < line.size() && (line[j] == 'A' || line[j] == 'P') &&
            (line[j + 1] == '.' || line[j + 1] == 'M')) {
            return true;
        }
    }
    return false;
}

// Sentence-closing punctuation at `i`: returns its length (1, or 3 for U+2026 "…"), else 0.
std::size_t terminator_length(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == '.' || c == '!' || c == '?') return 1;
    return has_at(s, i, "\u2026") ? 3 : 0;
}

// A closing quote or bracket after the period belongs to the sentence it closes.
std::size_t closer_length(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '*' || c == '_') return 1;
    if (has_at(s, i, "\u201D") || has_at(s, i, "\u2019")) return 3;  // ” ’
    if (has_at(s, i, "\u00BB")) return 2;                            // »
    return 0;
}

// Opening quotes and brackets before a word ("(Gen." or "“Mr."), skipped to find the word.
std::size_t opener_length(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
    if (has_at(s, i, "\u201C") || has_at(s, i, "\u2018")) return 3;  // “ ‘
    return 0;
}

// Abbreviations that never end a sentence (compared ignoring case when the first letter is a
// capital: "GEN." in a headline is still a title). "No." is handled apart: only before a number.
constexpr std::string_view abbreviations[] = {
    "Mr",   "Mrs", "Ms",  "Dr",  "St",  "Gen", "Adm",  "Col",  "Lt",  "Sgt", "Maj", "Capt",
    "Cmdr", "Cdr", "Gov", "Sen", "Rep", "Jr",  "Sr",   "Prof", "Rev", "Hon", "Jan", "Feb",
    "Mar",  "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",  "Nov", "Dec"};

bool is_abbreviation(std::string_view word) {
    if (word.empty() || !is_upper(word[0])) return false;
    return std::any_of(std::begin(abbreviations), std::end(abbreviations),
                       [&](std::string_view a) { return text::iequals(word, a); });
}

// Whether the period at `dot`, followed by blanks and then the character at `next`, ends a
// sentence. `start` is where the current sentence began (the word cannot reach before it).
bool period_ends_sentence(std::string_view s, std::size_t start, std::size_t dot,
                          std::size_t next) {
    std::size_t wb = dot;
    while (wb > start && text::space_length(s, wb - 1) == 0 &&
           !(wb >= start + 2 && text::space_length(s, wb - 2) == 2) &&
           !(wb >= start + 3 && text::space_length(s, wb - 3) == 3)) {
        --wb;
    }
    while (wb < dot && opener_length(s, wb) != 0) wb += opener_length(s, wb);
    const std::string_view word = s.substr(wb, dot - wb);
    if (word.empty()) return true;
    if (word.size() == 1 && is_upper(word[0])) return false;  // an initial: George W. Bush
    if (word.find('.') != std::string_view::npos) {
        // Dotted capitals (U.S., U.N., D.C.) are abbreviations; "e.g." and "a.m." before a
        // capital usually do end the sentence (before lower case we never get here), and so
        // does a number ("grew by 7.5. Then").
        return std::any_of(word.begin(), word.end(), is_lower) ||
               std::none_of(word.begin(), word.end(), is_upper);
    }
    if (is_abbreviation(word)) return false;
    if ((word == "No" || word == "NO" || word == "no") && is_digit(s[next])) return false;
    return true;
}

// Cuts `[b, e)` of `s` into pieces of about `target` bytes at blanks (a hard cut on a UTF-8
// character boundary when a word is longer than that).
void cut_at_words(std::string_view s, std::size_t b, std::size_t e, std::size_t target,
                  std::size_t max, std::vector<Range>& out) {
    std::size_t pos = b;
    while (e - pos > max) {
        std::size_t cut = 0;
        for (std::size_t i = pos + target; i > pos + target / 2; --i) {
            if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
                cut = i;
                break;
            }
        }
        for (std::size_t i = pos + target; cut == 0 && i < pos + max; ++i) {
            if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') cut = i;
        }
        if (cut == 0) {
            cut = pos + target;
            while (cut > pos + 1 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        }
        const Range piece = trimmed(s, pos, cut);
        if (piece.second > piece.first) out.push_back(piece);
        pos = cut;
        while (std::size_t len = text::space_length(s, pos)) pos += len;
    }
    const Range rest = trimmed(s, pos, e);
    if (rest.second > rest.first) out.push_back(rest);
}

// Groups sentences of the paragraph `[b, e)` into windows of about `target` bytes.
std::vector<Range> sentence_windows(std::string_view text, std::size_t b, std::size_t e,
                                    const SegmentOptions& options) {
    const std::size_t max = std::max<std::size_t>(options.max_bytes, 1);
    const std::size_t target = std::clamp<std::size_t>(options.target_bytes, 1, max);
    std::vector<Range> pieces;
    for (auto [sb, se] : split_sentences(text.substr(b, e - b))) {
        cut_at_words(text, b + sb, b + se, target, max, pieces);
    }
    std::vector<Range> windows;
    for (std::size_t i = 0; i < pieces.size();) {
        Range w = pieces[i++];
        // Take the next sentence while that brings the window closer to the target size.
        while (i < pieces.size()) {
            const std::size_t now = w.second - w.first;
            const std::size_t grown = pieces[i].second - w.first;
            if (now >= target || grown > max) break;
            if (grown > target && grown - target >= target - now) break;
            w.second = pieces[i++].second;
        }
        windows.push_back(w);
    }
    // A short tail reads better joined to the window before it.
    if (windows.size() >= 2) {
        const Range last = windows.back();
        const Range prev = windows[windows.size() - 2];
        if (last.second - last.first < target / 3 && last.second - prev.first <= max) {
            windows.pop_back();
            windows.back().second = last.second;
        }
    }
    return windows;
}

// Rules ("---", "* * *") and OCR bullets ("*") carry no words: indexing them would only add
// empty passages, so they are dropped.
bool has_words(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        return is_upper(c) || is_lower(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
    });
}

}  // namespace

std::string_view to_string(PassageKind kind) {
    switch (kind) {
        case PassageKind::paragraph:
            return "paragraph";
        case PassageKind::quote:
            return "quote";
        case PassageKind::heading:
            return "heading";
    }
    return "paragraph";
}

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view text) {
    std::vector<Range> sentences;
    const std::size_t n = text.size();
    std::size_t start = 0;
    while (std::size_t len = text::space_length(text, start)) start += len;
    std::size_t i = start;
    while (i < n) {
        const std::size_t term = terminator_length(text, i);
        if (term == 0) {
            ++i;
            continue;
        }
        std::size_t j = i;
        std::size_t marks = 0;
        while (j < n && terminator_length(text, j) != 0) {
            j += terminator_length(text, j);
            ++marks;
        }
        while (j < n && closer_length(text, j) != 0) j += closer_length(text, j);
        std::size_t k = j;
        while (std::size_t len = text::space_length(text, k)) k += len;
        if (k == j || k >= n) {  // "7.5", "U.S.A" or the end of the text
            i = j;
            continue;
        }
        bool ends = !is_lower(text[k]);  // "...," he said. / e.g. the / etc. and
        if (ends && marks == 1 && text[i] == '.') ends = period_ends_sentence(text, start, i, k);
        if (ends) {
            const Range r = trimmed(text, start, j);
            if (r.second > r.first) sentences.push_back(r);
            start = k;
        }
        i = k;
    }
    const Range last = trimmed(text, start, n);
    if (last.second > last.first) sentences.push_back(last);
    return sentences;
}

std::string_view speaker_label(std::string_view paragraph) {
    const std::string_view p = text::trim_spaces(paragraph);
    if (p.empty()) return {};
    if (p[0] == 'Q' && (p.size() == 1 || p[1] == ' ' || p[1] == '\t' || p[1] == ':' ||
                        text::space_length(p, 1) != 0)) {
        return p.substr(0, 1);
    }
    // Capitals, blanks and name punctuation up to a colon: "MS. JEAN-PIERRE:", "PRESIDENT YOON:".
    constexpr std::size_t max_label_bytes = 60;
    std::size_t upper = 0;
    for (std::size_t i = 0; i < p.size() && i <= max_label_bytes; ++i) {
        const char c = p[i];
        if (c == ':') {
            if (upper < 2) return {};
            if (i + 1 < p.size() && text::space_length(p, i + 1) == 0) return {};  // "10:30"
            return text::trim_spaces(p.substr(0, i));
        }
        if (is_upper(c)) {
            ++upper;
        } else if (is_lower(c) || is_lower_latin1_at(p, i) || c == '\n') {
            return {};
        } else if (!(c == ' ' || c == '.' || c == '-' || c == '\'' || is_digit(c) ||
                     static_cast<unsigned char>(c) >= 0x80)) {
            return {};
        }
    }
    return {};
}

bool is_heading_line(std::string_view line) {
    const std::string_view l = text::trim_spaces(line);
    if (l.empty() || l.size() > max_heading_line_bytes) return false;
    if (l.find('\n') != std::string_view::npos) return false;
    if (markdown_marker(l) != 0) return true;
    std::size_t upper = 0;
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (is_lower(l[i]) || is_lower_latin1_at(l, i)) return false;
        if (is_upper(l[i])) ++upper;
    }
    if (upper < 2) return false;
    return speaker_label(l).empty() && !has_time_of_day(l);
}

std::string heading_text(std::string_view line) {
    std::string_view l = text::trim_spaces(line);
    if (const std::size_t marker = markdown_marker(l)) {
        l = strip_closing_hashes(l.substr(marker));
    }
    while (l.size() >= 2 && (l.front() == '*' || l.front() == '_') && l.back() == l.front()) {
        l = text::trim_spaces(l.substr(1, l.size() - 2));
    }
    return text::fold_whitespace(l);
}

std::vector<Passage> segment(std::string_view text, const SegmentOptions& options) {
    // Paragraphs first: runs of non-blank lines.
    std::vector<Range> paragraphs;
    std::size_t para_begin = std::string_view::npos, para_end = 0;
    for (std::size_t pos = 0; pos <= text.size();) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        if (text::is_blank(text.substr(pos, eol - pos))) {
            if (para_begin != std::string_view::npos) paragraphs.emplace_back(para_begin, para_end);
            para_begin = std::string_view::npos;
        } else {
            if (para_begin == std::string_view::npos) para_begin = pos;
            para_end = eol;
        }
        pos = eol + 1;
    }
    if (para_begin != std::string_view::npos) paragraphs.emplace_back(para_begin, para_end);

    std::vector<Passage> passages;
    std::string heading;
    int paragraph = 0;
    auto add = [&](Range r, PassageKind kind) {
        Passage p;
        p.begin = r.first;
        p.end = r.second;
        p.ordinal = static_cast<int>(passages.size()) + 1;
        p.paragraph = paragraph;
        p.kind = kind;
        p.heading = heading;
        passages.push_back(std::move(p));
    };
    auto add_heading = [&](Range line) {
        Range r = trimmed(text, line.first, line.second);
        // The passage is the heading's words; Markdown's "##" is syntax, not text.
        const std::string_view line_text = text.substr(r.first, r.second - r.first);
        if (const std::size_t marker = markdown_marker(line_text)) {
            const std::string_view words = strip_closing_hashes(line_text.substr(marker));
            r.first = static_cast<std::size_t>(words.data() - text.data());
            r.second = r.first + words.size();
        }
        add(r, PassageKind::heading);
        heading = heading_text(text.substr(line.first, line.second - line.first));
        ++paragraph;
    };
    auto add_paragraph = [&](Range para) {
        const Range r = trimmed(text, para.first, para.second);
        if (!has_words(text.substr(r.first, r.second - r.first))) return;
        if (r.second - r.first <= options.max_bytes) {
            add(r, PassageKind::paragraph);
        } else {
            for (const Range& w : sentence_windows(text, r.first, r.second, options)) {
                add(w, PassageKind::paragraph);
            }
        }
        ++paragraph;
    };

    for (const auto& [b, e] : paragraphs) {
        const Range r = trimmed(text, b, e);
        const std::string_view body = text.substr(r.first, r.second - r.first);
        const std::size_t eol = body.find('\n');
        if (eol == std::string_view::npos) {
            if (is_heading_line(body)) {
                add_heading(r);
            } else {
                add_paragraph(r);
            }
        } else if (markdown_marker(body) != 0) {
            // "# Title" directly above its text, without a blank line between them.
            add_heading({r.first, r.first + eol});
            add_paragraph({r.first + eol + 1, r.second});
        } else {
            add_paragraph(r);
        }
    }
    return passages;
}

}  // namespace dossier

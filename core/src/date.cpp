// Article dates: parsing the forms DESIGN.md accepts, and their sortable and printed forms.
#include "dossier/date.hpp"

#include <array>
#include <vector>

#include <fmt/format.h>

#include "dossier/errors.hpp"
#include "dossier/text.hpp"

namespace dossier {

namespace {

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[static_cast<std::size_t>(month - 1)];
}

// Month number for "January", "Jan", "Jan." or "Sept" (any case), 0 when not a month.
int month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> names = {
        "january", "february", "march",     "april",   "may",      "june",
        "july",    "august",   "september", "october", "november", "december"};
    if (!word.empty() && word.back() == '.') word.remove_suffix(1);
    const std::string w = text::ascii_lower(word);
    if (w == "sept") return 9;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (w == names[i] || (w.size() == 3 && names[i].substr(0, 3) == w)) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// The whole of `s` as a number of 1..`max_digits` digits, or -1.
int parse_number(std::string_view s, std::size_t max_digits) {
    if (s.empty() || s.size() > max_digits) return -1;
    int value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

int parse_year(std::string_view s) {
    const int year = s.size() == 4 ? parse_number(s, 4) : -1;
    return year >= 1 ? year : -1;
}

// A day of the month, optionally with an English ordinal suffix ("24th").
int parse_day(std::string_view s) {
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
        if (s.size() > suffix.size() && text::iequals(s.substr(s.size() - 2), suffix)) {
            s.remove_suffix(2);
            break;
        }
    }
    return parse_number(s, 2);
}

std::optional<Date> make_date(int year, int month, int day) {
    if (year < 1 || month < 0 || month > 12 || day < 0) return std::nullopt;
    if (month == 0 && day != 0) return std::nullopt;
    if (month != 0 && day > days_in_month(year, month)) return std::nullopt;
    return Date{year, month, day};
}

// "2026-01-24", "2026-01", "2026".
std::optional<Date> parse_iso(std::string_view s) {
    if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
    const int year = parse_year(s.substr(0, 4));
    if (year < 0) return std::nullopt;
    if (s.size() == 4) return make_date(year, 0, 0);
    if (s[4] != '-') return std::nullopt;
    const int month = s[5] == '-' ? -1 : parse_number(s.substr(5, 2), 2);
    if (month < 1) return std::nullopt;
    if (s.size() == 7) return make_date(year, month, 0);
    if (s[7] != '-') return std::nullopt;
    const int day = parse_number(s.substr(8, 2), 2);
    if (day < 1) return std::nullopt;
    return make_date(year, month, day);
}

// Words separated by blanks, a comma ending a word dropped ("Jan 24, 2026" -> Jan|24|2026).
std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ',')) ++i;
        const std::size_t b = i;
        while (i < s.size() && s[i] != ' ' && s[i] != '\t' && s[i] != ',') ++i;
        if (i > b) words.push_back(s.substr(b, i - b));
    }
    return words;
}

// "Jan 24, 2026", "January 24 2026", "Jan. 24, 2026", "24 January 2026", "January 2026".
std::optional<Date> parse_words(std::string_view s) {
    const auto words = words_of(s);
    if (words.size() == 2) {
        const int month = month_from_name(words[0]);
        const int year = parse_year(words[1]);
        if (month > 0 && year > 0) return make_date(year, month, 0);
        return std::nullopt;
    }
    if (words.size() != 3) return std::nullopt;
    const int year = parse_year(words[2]);
    if (year < 0) return std::nullopt;
    int month = month_from_name(words[0]);
    int day = parse_day(words[1]);
    if (month == 0) {
        month = month_from_name(words[1]);
        day = parse_day(words[0]);
    }
    if (month == 0 || day < 1) return std::nullopt;
    return make_date(year, month, day);
}

[[noreturn]] void throw_bad_range(std::string_view text) {
    throw UsageError(
        fmt::format("invalid date '{}': expected YYYY-MM-DD, YYYY-MM, YYYY, 'Jan 24, 2026' or "
                    "'24 January 2026'",
                    text));
}

}  // namespace

std::string Date::to_string() const {
    if (month == 0) return fmt::format("{:04d}", year);
    if (day == 0) return fmt::format("{:04d}-{:02d}", year, month);
    return fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
}

std::string Date::sort_key() const {
    return fmt::format("{:04d}{:02d}{:02d}", year, month, day);
}

std::optional<Date> parse_date(std::string_view input) {
    std::string_view s = text::trim_spaces(input);
    // Quotes come from YAML and CSV-ish metadata ('2025-03-13'); only strip a matching pair.
    if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front()) {
        s = text::trim_spaces(s.substr(1, s.size() - 2));
    }
    if (s.empty()) return std::nullopt;
    if (s[0] >= '0' && s[0] <= '9' && s.size() <= 10 && s.find(' ') == std::string_view::npos) {
        return parse_iso(s);
    }
    return parse_words(s);
}

std::string range_lower_key(std::string_view text) {
    const auto date = parse_date(text);
    if (!date) throw_bad_range(text);
    return date->sort_key();
}

std::string range_upper_key(std::string_view text) {
    const auto date = parse_date(text);
    if (!date) throw_bad_range(text);
    // An unknown month or day covers the whole period: 99 sorts after every real value.
    return fmt::format("{:04d}{:02d}{:02d}", date->year, date->month == 0 ? 99 : date->month,
                       date->day == 0 ? 99 : date->day);
}

}  // namespace dossier
